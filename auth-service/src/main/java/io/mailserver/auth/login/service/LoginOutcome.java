package io.mailserver.auth.login.service;

import io.mailserver.auth.account.repository.AccountEntity;

/** What one login attempt came to; each kind maps to one {@code AuthenticateResponse}. */
public sealed interface LoginOutcome {

    /** The metric tag value ({@code mail.auth.attempts{outcome=...}}). */
    String tag();

    /** Right secret, enabled account. */
    record Success(AccountEntity account) implements LoginOutcome {
        @Override
        public String tag() {
            return "success";
        }
    }

    /** Unknown user or wrong secret, deliberately not told apart. */
    record InvalidCredentials() implements LoginOutcome {
        @Override
        public String tag() {
            return "invalid_credentials";
        }
    }

    /** Right secret, but the account may not log in. */
    record Disabled() implements LoginOutcome {
        @Override
        public String tag() {
            return "account_disabled";
        }
    }

    /** The database could not be asked; the client should retry later. */
    record TemporaryFailure() implements LoginOutcome {
        @Override
        public String tag() {
            return "temporary_failure";
        }
    }
}
