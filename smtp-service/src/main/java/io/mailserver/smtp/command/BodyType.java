package io.mailserver.smtp.command;

/** The MAIL BODY parameter (RFC 6152 §2). */
public enum BodyType {
    /** No BODY parameter given: the client claims nothing. */
    UNSPECIFIED,
    /** {@code BODY=7BIT}. */
    SEVEN_BIT,
    /** {@code BODY=8BITMIME}. */
    EIGHT_BIT_MIME
}
