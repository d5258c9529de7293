package io.mailserver.smtp.mailauth.dmarc;

import java.util.List;

/**
 * The RFC5322.From domain DMARC evaluates (RFC 7489 §3.1, §6.6.1), taken from the raw From header
 * field(s). Deliberately small: it finds the one address's domain or gives up; it is no RFC 5322 parser.
 */
public sealed interface AuthorDomain {

    /** The message has exactly one From field with exactly one address, whose domain this is (lower case, A-labels). */
    record Found(String domain) implements AuthorDomain {
    }

    /** No From field at all: nobody is named as the author, so no domain's name can be abused. */
    record Missing() implements AuthorDomain {
    }

    /** No single author domain: several From fields, several addresses, or one DMARC cannot use. */
    record Unusable(String reason) implements AuthorDomain {
    }

    /**
     * @param fromFields every From header field of the message, each its value (unfolded or not), with or
     *        without the leading {@code From:}
     */
    static AuthorDomain of(List<String> fromFields) {
        return FromField.authorDomain(fromFields);
    }
}
