package io.mailserver.storage.message.model;

import java.util.Locale;

/** The system flags of RFC 9051 §2.3.2 a message can carry, and their bit in {@code messages.system_flags}. */
public enum SystemFlag {
    // order is the order flags are reported in
    ANSWERED("\\Answered", 2),
    FLAGGED("\\Flagged", 4),
    DELETED("\\Deleted", 8),
    SEEN("\\Seen", 1),
    DRAFT("\\Draft", 16);

    private final String name;
    private final int bit;

    SystemFlag(String name, int bit) {
        this.name = name;
        this.bit = bit;
    }

    public String flagName() {
        return name;
    }

    public int bit() {
        return bit;
    }

    public boolean in(int mask) {
        return (mask & bit) != 0;
    }

    /** The flag a name like "\seen" denotes, case-insensitively; null for other names. */
    public static SystemFlag named(String flag) {
        String lower = flag.toLowerCase(Locale.ROOT);
        for (SystemFlag f : values()) {
            if (f.name.toLowerCase(Locale.ROOT).equals(lower)) {
                return f;
            }
        }
        return null;
    }
}
