package io.mailserver.auth.recipient.service;

import io.mailserver.auth.account.repository.AccountEntity;
import java.util.List;

/** Where mail for one address goes. */
public sealed interface Resolution {

    /**
     * Delivered to these accounts (one for a mailbox, any number for an alias) and forwarded to these
     * addresses at other domains (an alias's forwards); never both empty.
     *
     * @param detail the sub-address detail ({@code news} in {@code alice+news@example.org}), or empty
     */
    record Local(List<AccountEntity> accounts, String detail, List<String> forwards) implements Resolution {
        public Local {
            accounts = List.copyOf(accounts);
            forwards = List.copyOf(forwards);
            if (accounts.isEmpty() && forwards.isEmpty()) {
                throw new IllegalArgumentException("a local address reaches an account or forwards");
            }
        }

        public Local(List<AccountEntity> accounts, String detail) {
            this(accounts, detail, List.of());
        }
    }

    /** The domain is hosted here but nothing matches the local part. */
    record UnknownLocal() implements Resolution {
    }

    /** The domain is not hosted here. */
    record NotLocal() implements Resolution {
    }
}
