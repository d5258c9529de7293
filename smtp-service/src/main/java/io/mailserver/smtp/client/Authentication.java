package io.mailserver.smtp.client;

/** What auth-service decided about a submission login. */
public sealed interface Authentication {

    /** The credentials are good. */
    record Accepted(long accountId, String address) implements Authentication {
    }

    /** The credentials were refused. */
    record Refused(Reason reason) implements Authentication {
    }

    /** auth-service could not decide: unreachable, timed out, or reporting a temporary failure. */
    record Unavailable(String detail) implements Authentication {
    }

    enum Reason {
        INVALID_CREDENTIALS, ACCOUNT_DISABLED, LOCKED_OUT
    }
}
