package io.mailserver.auth.admin;

/**
 * Why an admin operation was not done, in words safe to show the operator. Services throw these;
 * {@link AdminErrorMappers} turns each kind into its HTTP status. They carry no stack trace: they are
 * answers, not faults.
 */
public abstract sealed class Refusal extends RuntimeException
        permits Refusal.Invalid, Refusal.NotFound, Refusal.Conflict {

    private Refusal(String message) {
        super(message, null, false, false);
    }

    /** The request itself is wrong (400). */
    public static final class Invalid extends Refusal {
        public Invalid(String message) {
            super(message);
        }
    }

    /** Something the request names does not exist (404). */
    public static final class NotFound extends Refusal {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The request contradicts what exists (409). */
    public static final class Conflict extends Refusal {
        public Conflict(String message) {
            super(message);
        }
    }
}
