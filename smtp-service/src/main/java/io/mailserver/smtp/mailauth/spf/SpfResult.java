package io.mailserver.smtp.mailauth.spf;

import java.util.Locale;

/** The results of RFC 7208 §2.6, named as Authentication-Results (RFC 8601 §2.7.2) writes them. */
public enum SpfResult {
    NONE, NEUTRAL, PASS, FAIL, SOFTFAIL, TEMPERROR, PERMERROR;

    /** The result keyword of an Authentication-Results {@code spf=} method result. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
