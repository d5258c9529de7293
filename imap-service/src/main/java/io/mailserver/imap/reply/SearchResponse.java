package io.mailserver.imap.reply;

/** RFC 9051 §7.3.4 / RFC 3501 §7.2.5 {@code * SEARCH n n n}: sequence numbers, or UIDs for UID SEARCH. */
public record SearchResponse(long[] numbers) implements Response {
}
