package io.mailserver.imap.session;

import io.mailserver.imap.client.AccountIdentity;

/**
 * The connection states of RFC 9051 §3, each carrying the data that exists only in it. Handlers
 * declare the states they accept; {@link io.mailserver.imap.handler.CommandDispatcher} checks them.
 */
public sealed interface SessionState {

    record NotAuthenticated() implements SessionState {
    }

    record Authenticated(AccountIdentity account) implements SessionState {
    }

    record Selected(AccountIdentity account, SelectedMailbox mailbox) implements SessionState {
        public Selected with(SelectedMailbox changed) {
            return new Selected(account, changed);
        }
    }

    record Logout() implements SessionState {
    }
}
