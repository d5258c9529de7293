package io.mailserver.imap.reply;

/** RFC 9051 §7.6 {@code + text}; the text may be empty (an empty SASL challenge). */
public record ContinuationRequest(String text) implements Response {
}
