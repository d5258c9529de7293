package io.mailserver.smtp.client;

import java.util.List;

/** Where mail for one address goes, as auth-service's ResolveRecipient decided. */
public sealed interface RecipientResolution {

    /** Hosted here: the accounts it reaches (after alias expansion), never empty. */
    record Local(List<Long> accountIds) implements RecipientResolution {
        public Local {
            accountIds = List.copyOf(accountIds);
            if (accountIds.isEmpty()) {
                throw new IllegalArgumentException("a local recipient reaches at least one account");
            }
        }
    }

    /** The domain is hosted here but nothing matches the local part. */
    enum UnknownLocal implements RecipientResolution {
        INSTANCE
    }

    /** The domain is not hosted here: relaying. */
    enum NotLocal implements RecipientResolution {
        INSTANCE
    }
}
