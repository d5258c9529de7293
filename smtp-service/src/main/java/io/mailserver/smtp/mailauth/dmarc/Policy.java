package io.mailserver.smtp.mailauth.dmarc;

import java.util.Locale;
import java.util.Optional;

/** A Domain Owner's requested handling of failing mail (RFC 7489 §6.3 p, sp; RFC 9091 np). */
public enum Policy {
    NONE, QUARANTINE, REJECT;

    static Optional<Policy> parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "none" -> Optional.of(NONE);
            case "quarantine" -> Optional.of(QUARANTINE);
            case "reject" -> Optional.of(REJECT);
            default -> Optional.empty();
        };
    }

    /** §6.6.4: mail left out of the pct sample gets the next lower policy. */
    Policy lower() {
        return this == REJECT ? QUARANTINE : NONE;
    }

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
