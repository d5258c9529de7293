package io.mailserver.smtp.session;

/** Whether the content of a DATA transfer was kept whole and, if not, why it was dropped. */
public enum Truncation {
    /** Every byte is held. */
    NONE,
    /** The message grew past {@code mail.smtp.limits.message-size}: 552, permanent. */
    SIZE_LIMIT,
    /**
     * Holding it would have taken the instance past {@code mail.smtp.limits.message-memory}: 452, the
     * client retries later when other transfers have been stored.
     */
    MEMORY,
    /**
     * The content had a bare LF or bare CR and {@code mail.smtp.bare-line-endings} is {@code reject}:
     * 550 5.5.2, permanent.
     */
    BARE_LINE_ENDINGS
}
