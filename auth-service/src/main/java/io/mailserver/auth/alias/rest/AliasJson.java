package io.mailserver.auth.alias.rest;

import io.mailserver.auth.alias.repository.AliasEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** An alias as the admin API shows it, and the body of {@code POST /api/v1/aliases}. */
@RegisterForReflection
public record AliasJson(String address, List<String> targets) {

    static AliasJson of(AliasEntity entity) {
        return new AliasJson(entity.address, entity.targets.stream().map(account -> account.address).sorted().toList());
    }
}
