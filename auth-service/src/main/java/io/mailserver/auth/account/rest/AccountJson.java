package io.mailserver.auth.account.rest;

import io.mailserver.auth.account.repository.AccountEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An account as the admin API shows it: everything but the password hash. */
@RegisterForReflection
public record AccountJson(long id, String address, String domain, String displayName, boolean enabled, long quotaBytes) {

    static AccountJson of(AccountEntity entity) {
        return new AccountJson(entity.id, entity.address, entity.domainName(), entity.displayName, entity.enabled,
                entity.quotaBytes);
    }
}
