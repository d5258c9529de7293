package io.mailserver.pop3.client;

/** What auth-service decided about a {@link Login}. */
public sealed interface Authentication {

    /** The credentials are good. */
    record Accepted(long accountId, String address) implements Authentication {
    }

    /**
     * The credentials were refused.
     *
     * @param publicMessage text safe to show the client; may be empty
     */
    record Refused(Reason reason, String publicMessage) implements Authentication {
    }

    /** auth-service could not decide: unreachable, timed out, or reporting a temporary failure. */
    record Unavailable(String detail) implements Authentication {
    }

    enum Reason {
        INVALID_CREDENTIALS, ACCOUNT_DISABLED, LOCKED_OUT
    }
}
