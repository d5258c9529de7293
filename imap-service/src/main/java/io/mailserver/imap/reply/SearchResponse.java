package io.mailserver.imap.reply;

/**
 * RFC 9051 §7.3.4 / RFC 3501 §7.2.5 {@code * SEARCH n n n}: sequence numbers, or UIDs for UID SEARCH;
 * with RFC 7162's {@code (MODSEQ n)} when {@code highestModseq} is above 0.
 */
public record SearchResponse(long[] numbers, long highestModseq) implements Response {

    public SearchResponse(long[] numbers) {
        this(numbers, 0);
    }
}
