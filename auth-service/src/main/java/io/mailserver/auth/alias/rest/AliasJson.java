package io.mailserver.auth.alias.rest;

import io.mailserver.auth.alias.repository.AliasEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.stream.Stream;

/**
 * An alias as the admin API shows it, and the body of {@code POST /api/v1/aliases}: its targets are
 * accounts here and addresses at other domains it forwards to, together.
 */
@RegisterForReflection
public record AliasJson(String address, List<String> targets) {

    static AliasJson of(AliasEntity entity) {
        return new AliasJson(entity.address, Stream.concat(entity.targets.stream().map(account -> account.address),
                entity.forwards.stream()).sorted().toList());
    }
}
