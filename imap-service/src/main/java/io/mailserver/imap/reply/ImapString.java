package io.mailserver.imap.reply;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes strings in the form RFC 9051 §4.3 allows for them: a quoted string when every octet may
 * appear in one, otherwise a literal (CR, LF, NUL and 8-bit octets cannot be quoted in IMAP4rev1).
 */
public final class ImapString {

    /** Long strings go as literals: easier on clients than kilobytes of one quoted line. */
    private static final int MAX_QUOTED = 1024;

    private ImapString() {
    }

    /** {@code string}: quoted or literal. */
    public static void string(Buffer out, String value) {
        string(out, value, false);
    }

    /**
     * {@code astring} where UTF-8 may be quoted (RFC 9755 §3, after ENABLE UTF8=ACCEPT): an atom,
     * else a quoted string unless CR, LF, NUL or the length make a literal necessary.
     */
    public static void astringUtf8(Buffer out, String value) {
        if (isAtom(value)) {
            out.appendString(value);
        } else {
            string(out, value, true);
        }
    }

    private static void string(Buffer out, String value, boolean utf8Quoted) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (quotable(bytes, utf8Quoted)) {
            out.appendByte((byte) '"');
            for (byte b : bytes) {
                if (b == '"' || b == '\\') {
                    out.appendByte((byte) '\\');
                }
                out.appendByte(b);
            }
            out.appendByte((byte) '"');
        } else {
            out.appendString("{" + bytes.length + "}\r\n").appendBytes(bytes);
        }
    }

    /** {@code nstring}: NIL for null. */
    public static void nstring(Buffer out, String value) {
        if (value == null) {
            out.appendString("NIL");
        } else {
            string(out, value);
        }
    }

    /** {@code astring}: an atom when it can be one, else a string. */
    public static void astring(Buffer out, String value) {
        if (isAtom(value)) {
            out.appendString(value);
        } else {
            string(out, value);
        }
    }

    static boolean quotable(byte[] bytes, boolean utf8Quoted) {
        if (bytes.length > MAX_QUOTED) {
            return false;
        }
        for (byte b : bytes) {
            if (b == 0 || b == '\r' || b == '\n' || (b < 0 && !utf8Quoted)) {
                return false;
            }
        }
        return true;
    }

    /** ASTRING-CHARs only, and not the word NIL (which a client would read as nil). */
    static boolean isAtom(String value) {
        if (value.isEmpty() || value.equalsIgnoreCase("NIL")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "(){%*\"\\".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
