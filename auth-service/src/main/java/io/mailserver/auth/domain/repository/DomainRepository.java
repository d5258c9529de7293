package io.mailserver.auth.domain.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Queries on {@code auth.domains}; callers provide the session or transaction. */
@ApplicationScoped
public class DomainRepository implements PanacheRepositoryBase<DomainEntity, Long> {

    /** The domain named {@code name} (canonical form), or {@code null}. */
    public Uni<DomainEntity> findByName(String name) {
        return find("name", name).firstResult();
    }

    public Uni<List<DomainEntity>> listByName() {
        return listAll(Sort.by("name"));
    }
}
