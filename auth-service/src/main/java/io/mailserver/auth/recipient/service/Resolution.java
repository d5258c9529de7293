package io.mailserver.auth.recipient.service;

import io.mailserver.auth.account.repository.AccountEntity;
import java.util.List;

/** Where mail for one address goes. */
public sealed interface Resolution {

    /**
     * Delivered to these accounts (one for a mailbox, one or more for an alias).
     *
     * @param detail the sub-address detail ({@code news} in {@code alice+news@example.org}), or empty
     */
    record Local(List<AccountEntity> accounts, String detail) implements Resolution {
        public Local {
            accounts = List.copyOf(accounts);
        }
    }

    /** The domain is hosted here but nothing matches the local part. */
    record UnknownLocal() implements Resolution {
    }

    /** The domain is not hosted here. */
    record NotLocal() implements Resolution {
    }
}
