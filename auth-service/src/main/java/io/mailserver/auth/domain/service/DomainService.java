package io.mailserver.auth.domain.service;

import io.mailserver.auth.account.repository.AccountRepository;
import io.mailserver.auth.address.DomainName;
import io.mailserver.auth.admin.Refusal;
import io.mailserver.auth.alias.repository.AliasRepository;
import io.mailserver.auth.domain.repository.DomainEntity;
import io.mailserver.auth.domain.repository.DomainRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Adding, listing and removing hosted domains. */
@ApplicationScoped
public class DomainService {

    private final DomainRepository domains;
    private final AccountRepository accounts;
    private final AliasRepository aliases;

    DomainService(DomainRepository domains, AccountRepository accounts, AliasRepository aliases) {
        this.domains = domains;
        this.accounts = accounts;
        this.aliases = aliases;
    }

    @WithTransaction
    public Uni<DomainEntity> add(String name) {
        DomainName domain = DomainName.parse(name)
                .orElseThrow(() -> new Refusal.Invalid("not a valid domain name"));
        return domains.findByName(domain.value()).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(new Refusal.Conflict("domain " + domain + " already exists"));
            }
            DomainEntity entity = new DomainEntity();
            entity.name = domain.value();
            // Postgres keeps microseconds; truncating here makes the answer equal what is stored.
            entity.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return domains.persist(entity);
        });
    }

    @WithSession
    public Uni<List<DomainEntity>> list() {
        return domains.listByName();
    }

    /** Removes an empty domain; one that still has accounts or aliases is a conflict. */
    @WithTransaction
    public Uni<Void> remove(String name) {
        DomainName domain = DomainName.parse(name).orElseThrow(() -> new Refusal.NotFound("no domain " + name));
        return domains.findByName(domain.value()).flatMap(entity -> {
            if (entity == null) {
                return Uni.createFrom().failure(new Refusal.NotFound("no domain " + domain));
            }
            return accounts.countInDomain(entity.id)
                    .flatMap(accountCount -> aliases.countInDomain(entity.id)
                            .map(aliasCount -> accountCount + aliasCount))
                    .flatMap(used -> used > 0
                            ? Uni.createFrom().failure(new Refusal.Conflict(
                                    "domain " + domain + " still has accounts or aliases; remove them first"))
                            : domains.delete(entity));
        });
    }
}
