package io.mailserver.imap.client;

/** What auth-service decided about a login. */
public sealed interface Authentication {

    /** The credentials are good. */
    record Accepted(AccountIdentity account) implements Authentication {
    }

    /**
     * The credentials were refused, or auth-service could not decide for now
     * ({@link Reason#TEMPORARY_FAILURE}).
     *
     * @param publicMessage text safe to show the client; may be empty
     */
    record Refused(Reason reason, String publicMessage) implements Authentication {
    }

    enum Reason {
        INVALID_CREDENTIALS, ACCOUNT_DISABLED, LOCKED_OUT, TEMPORARY_FAILURE
    }
}
