package io.mailserver.auth.account.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;

/** Queries on {@code auth.accounts}; callers provide the session or transaction. */
@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<AccountEntity, Long> {

    /** The account with canonical address {@code address}, or {@code null} (the login lookup). */
    public Uni<AccountEntity> findByAddress(String address) {
        return find("address", address).firstResult();
    }

    /**
     * The account with canonical address {@code address}, its row locked until the transaction ends,
     * or {@code null}: changes that record an event take the lock first, so concurrent changes of one
     * account commit, and record their events, one after the other.
     */
    public Uni<AccountEntity> lockByAddress(String address) {
        return find("address", address).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Up to {@code limit} accounts with an id above {@code afterId}, ascending by id. */
    public Uni<List<AccountEntity>> pageById(long afterId, int limit) {
        return find("id > ?1", Sort.by("id"), afterId).page(0, limit).list();
    }

    public Uni<List<AccountEntity>> listByAddress() {
        return listAll(Sort.by("address"));
    }

    public Uni<List<AccountEntity>> listInDomain(long domainId) {
        return list("domainId", Sort.by("localPart"), domainId);
    }

    public Uni<Long> countInDomain(long domainId) {
        return count("domainId", domainId);
    }
}
