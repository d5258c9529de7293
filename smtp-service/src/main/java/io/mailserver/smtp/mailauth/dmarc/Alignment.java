package io.mailserver.smtp.mailauth.dmarc;

/** Identifier alignment modes (RFC 7489 §3.1): strict is an exact match, relaxed the same organizational domain. */
public enum Alignment {
    RELAXED, STRICT
}
