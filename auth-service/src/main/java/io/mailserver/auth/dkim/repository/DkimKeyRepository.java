package io.mailserver.auth.dkim.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Queries on {@code auth.dkim_keys}; callers provide the session or transaction. */
@ApplicationScoped
public class DkimKeyRepository implements PanacheRepositoryBase<DkimKeyEntity, Long> {
}
