package io.mailserver.auth.account.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Queries on {@code auth.accounts}; callers provide the session or transaction. */
@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<AccountEntity, Long> {

    /** The account with canonical address {@code address}, or {@code null} (the login lookup). */
    public Uni<AccountEntity> findByAddress(String address) {
        return find("address", address).firstResult();
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
