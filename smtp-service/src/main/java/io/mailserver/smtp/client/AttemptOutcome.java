package io.mailserver.smtp.client;

/**
 * What one attempt did for one recipient of a queued entry, as reported to storage.
 *
 * @param dsnPassedOn delivered to a server that took our DSN parameters, which now reports success
 *                    itself (not stored; it decides whether we send a "relayed" notice)
 */
public record AttemptOutcome(int index, Kind kind, String diagnostic, boolean dsnPassedOn) {

    public AttemptOutcome(int index, Kind kind, String diagnostic) {
        this(index, kind, diagnostic, false);
    }

    public enum Kind {
        DELIVERED, BOUNCED, DEFERRED
    }
}
