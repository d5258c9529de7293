package io.mailserver.imap.reply;

/** {@code * n EXISTS}, {@code * n RECENT}, {@code * n EXPUNGE} (RFC 9051 §7.4, RFC 3501 §7.3.2). */
public record NumberedResponse(long number, Kind kind) implements Response {

    public enum Kind {
        EXISTS, RECENT, EXPUNGE
    }
}
