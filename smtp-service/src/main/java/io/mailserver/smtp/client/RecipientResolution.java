package io.mailserver.smtp.client;

import java.util.List;

/** Where mail for one address goes, as auth-service's ResolveRecipient decided. */
public sealed interface RecipientResolution {

    /**
     * Hosted here: the accounts it reaches (after alias expansion) and the addresses at other domains
     * an alias forwards to; not both empty.
     */
    record Local(List<Long> accountIds, List<String> forwardTo) implements RecipientResolution {
        public Local {
            accountIds = List.copyOf(accountIds);
            forwardTo = List.copyOf(forwardTo);
            if (accountIds.isEmpty() && forwardTo.isEmpty()) {
                throw new IllegalArgumentException("a local recipient reaches an account or forwards");
            }
        }

        public Local(List<Long> accountIds) {
            this(accountIds, List.of());
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
