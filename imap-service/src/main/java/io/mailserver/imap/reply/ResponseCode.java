package io.mailserver.imap.reply;

import java.util.List;

/**
 * A response code in brackets (RFC 9051 §7.1, RFC 5530).
 *
 * @param atom the code name
 * @param data what follows the name inside the brackets, already in wire form, or null
 */
public record ResponseCode(String atom, String data) {

    public static final ResponseCode READ_WRITE = new ResponseCode("READ-WRITE", null);
    public static final ResponseCode READ_ONLY = new ResponseCode("READ-ONLY", null);
    public static final ResponseCode TOOBIG = new ResponseCode("TOOBIG", null);
    public static final ResponseCode UNAVAILABLE = new ResponseCode("UNAVAILABLE", null);
    public static final ResponseCode AUTHENTICATIONFAILED = new ResponseCode("AUTHENTICATIONFAILED", null);
    public static final ResponseCode AUTHORIZATIONFAILED = new ResponseCode("AUTHORIZATIONFAILED", null);
    public static final ResponseCode PRIVACYREQUIRED = new ResponseCode("PRIVACYREQUIRED", null);
    public static final ResponseCode NONEXISTENT = new ResponseCode("NONEXISTENT", null);
    public static final ResponseCode SERVERBUG = new ResponseCode("SERVERBUG", null);
    public static final ResponseCode CLIENTBUG = new ResponseCode("CLIENTBUG", null);
    public static final ResponseCode CANNOT = new ResponseCode("CANNOT", null);
    public static final ResponseCode LIMIT = new ResponseCode("LIMIT", null);
    public static final ResponseCode ALERT = new ResponseCode("ALERT", null);
    public static final ResponseCode CONTACTADMIN = new ResponseCode("CONTACTADMIN", null);
    public static final ResponseCode ALREADYEXISTS = new ResponseCode("ALREADYEXISTS", null);
    public static final ResponseCode TRYCREATE = new ResponseCode("TRYCREATE", null);
    public static final ResponseCode USEATTR = new ResponseCode("USEATTR", null);
    public static final ResponseCode OVERQUOTA = new ResponseCode("OVERQUOTA", null);
    public static final ResponseCode NOPERM = new ResponseCode("NOPERM", null);
    public static final ResponseCode INUSE = new ResponseCode("INUSE", null);
    public static final ResponseCode CLOSED = new ResponseCode("CLOSED", null);
    /** RFC 3516 §4.2: a part's Content-Transfer-Encoding the server cannot decode for BINARY. */
    public static final ResponseCode UNKNOWN_CTE = new ResponseCode("UNKNOWN-CTE", null);

    public static ResponseCode capability(List<String> capabilities) {
        return new ResponseCode("CAPABILITY", String.join(" ", capabilities));
    }

    public static ResponseCode number(String atom, long value) {
        return new ResponseCode(atom, Long.toString(value));
    }

    /** A code whose data is a parenthesised list of atoms, e.g. {@code PERMANENTFLAGS (\Seen \*)}. */
    public static ResponseCode list(String atom, List<String> atoms) {
        return new ResponseCode(atom, "(" + String.join(" ", atoms) + ")");
    }

    /** RFC 4315 §3 {@code COPYUID uidvalidity source-uids target-uids}. */
    public static ResponseCode copyUid(int uidValidity, String sourceUids, String targetUids) {
        return new ResponseCode("COPYUID", Integer.toUnsignedString(uidValidity) + " " + sourceUids + " " + targetUids);
    }

    /** RFC 7162 §3.1.3 {@code MODIFIED sequence-set}: the messages a conditional STORE left alone. */
    public static ResponseCode modified(String numbers) {
        return new ResponseCode("MODIFIED", numbers);
    }

    /** RFC 4315 §3 {@code APPENDUID uidvalidity uid-set}. */
    /** RFC 8474 {@code MAILBOXID (id)}. */
    public static ResponseCode mailboxId(long mailboxId) {
        return new ResponseCode("MAILBOXID", "(" + mailboxObjectId(mailboxId) + ")");
    }

    /**
     * A mailbox's RFC 8474 objectid: storage's mailbox id, which RENAME keeps and no other mailbox
     * of the server ever gets (a sequence), behind a letter so it is never a bare number.
     */
    public static String mailboxObjectId(long mailboxId) {
        return "F" + mailboxId;
    }

    public static ResponseCode appendUid(int uidValidity, String uids) {
        return new ResponseCode("APPENDUID", Integer.toUnsignedString(uidValidity) + " " + uids);
    }

    @Override
    public String toString() {
        return data == null ? atom : atom + " " + data;
    }
}
