package io.mailserver.smtp.dsn;

/** The RET parameter of MAIL (RFC 3461 §4.3): how much of the message a failure report returns. */
public enum Ret {
    /** Not given: the whole message (up to a size limit) for failures. */
    UNSPECIFIED,
    FULL,
    /** Only the header section. */
    HDRS
}
