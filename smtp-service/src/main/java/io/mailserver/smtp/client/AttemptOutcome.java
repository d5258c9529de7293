package io.mailserver.smtp.client;

/** What one attempt did for one recipient of a queued entry, as reported to storage. */
public record AttemptOutcome(int index, Kind kind, String diagnostic) {

    public enum Kind {
        DELIVERED, BOUNCED, DEFERRED
    }
}
