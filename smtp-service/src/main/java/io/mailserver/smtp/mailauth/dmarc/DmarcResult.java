package io.mailserver.smtp.mailauth.dmarc;

import java.util.Locale;

/** The DMARC method results of RFC 8601 §2.7.1 (with RFC 7489 §11.2). */
public enum DmarcResult {
    PASS, FAIL, NONE, TEMPERROR, PERMERROR;

    /** The result keyword of an Authentication-Results {@code dmarc=} method result. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
