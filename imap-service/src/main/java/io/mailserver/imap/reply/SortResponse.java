package io.mailserver.imap.reply;

/**
 * RFC 5256 §4 {@code * SORT n n n}: sequence numbers, or UIDs for UID SORT, in sorted order; with
 * RFC 7162's {@code (MODSEQ n)} when {@code highestModseq} is above 0.
 */
public record SortResponse(long[] numbers, long highestModseq) implements Response {
}
