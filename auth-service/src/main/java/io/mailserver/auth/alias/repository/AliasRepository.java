package io.mailserver.auth.alias.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Queries on {@code auth.aliases} and their targets; callers provide the session or transaction. */
@ApplicationScoped
public class AliasRepository implements PanacheRepositoryBase<AliasEntity, Long> {

    /** The alias with canonical address {@code address} and its targets, or {@code null}. */
    public Uni<AliasEntity> findByAddress(String address) {
        // list(), not firstResult(): a row limit on a collection fetch would be applied in memory.
        return find("select distinct a from AliasEntity a left join fetch a.targets left join fetch a.forwards"
                + " where a.address = ?1", address)
                .list().map(found -> found.isEmpty() ? null : found.get(0));
    }

    /** Whether an alias with canonical address {@code address} exists, without loading its targets. */
    public Uni<Boolean> existsByAddress(String address) {
        return count("address", address).map(n -> n > 0);
    }

    public Uni<List<AliasEntity>> listWithTargets() {
        return find("select distinct a from AliasEntity a left join fetch a.targets left join fetch a.forwards"
                + " order by a.address").list();
    }

    public Uni<Long> countInDomain(long domainId) {
        return count("domainId", domainId);
    }

    /** Removes aliases left with nowhere to deliver (their last target account deleted, no forwards). */
    public Uni<Long> deleteWithoutTargets() {
        return delete("targets is empty and forwards is empty");
    }
}
