package io.mailserver.storage.mailbox.model;

import io.mailserver.storage.failure.StorageException;
import java.util.ArrayList;
import java.util.List;

/**
 * Mailbox names: "/" is the hierarchy delimiter, and "INBOX" is case-insensitive, also as the first
 * level of a longer name (RFC 9051 §5.1), so "inbox/x" is stored as "INBOX/x". Other names are
 * case-sensitive and kept as given.
 */
public final class MailboxName {

    public static final String INBOX = "INBOX";
    public static final String DELIMITER = "/";
    private static final int MAX_LENGTH = 1000;
    /** Levels a name may have: deep enough for any real folder tree, shallow enough to bound LIST work. */
    public static final int MAX_DEPTH = 32;

    private MailboxName() {
    }

    /** A name ready to store or look up; one trailing delimiter (CREATE "a/") is dropped. */
    public static String normalize(String name) {
        String n = name;
        if (n.endsWith(DELIMITER) && n.length() > 1) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || n.length() > MAX_LENGTH) {
            throw StorageException.invalidArgument("invalid mailbox name");
        }
        if (n.startsWith(DELIMITER) || n.endsWith(DELIMITER) || n.contains(DELIMITER + DELIMITER)) {
            throw StorageException.invalidArgument("invalid mailbox name: empty hierarchy level");
        }
        if (n.split(DELIMITER, -1).length > MAX_DEPTH) {
            throw StorageException.invalidArgument("invalid mailbox name: more than " + MAX_DEPTH + " levels");
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw StorageException.invalidArgument("invalid mailbox name: control character");
            }
        }
        if (n.equalsIgnoreCase(INBOX)) {
            return INBOX;
        }
        if (n.length() > INBOX.length() && n.regionMatches(true, 0, INBOX + DELIMITER, 0, INBOX.length() + 1)) {
            return INBOX + n.substring(INBOX.length());
        }
        return n;
    }

    /** The names above this one: "a/b/c" has "a" and "a/b". */
    public static List<String> parents(String name) {
        List<String> parents = new ArrayList<>();
        int i = name.indexOf(DELIMITER);
        while (i > 0) {
            parents.add(name.substring(0, i));
            i = name.indexOf(DELIMITER, i + 1);
        }
        return parents;
    }

    public static boolean isInside(String name, String ancestor) {
        return name.startsWith(ancestor + DELIMITER);
    }
}
