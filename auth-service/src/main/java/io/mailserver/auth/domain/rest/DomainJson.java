package io.mailserver.auth.domain.rest;

import io.mailserver.auth.domain.repository.DomainEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A hosted domain as the admin API shows it. */
@RegisterForReflection
public record DomainJson(String name, Instant createdAt) {

    static DomainJson of(DomainEntity entity) {
        return new DomainJson(entity.name, entity.createdAt);
    }
}
