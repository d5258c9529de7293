package io.mailserver.auth.alias.service;

import io.mailserver.auth.account.repository.AccountEntity;
import io.mailserver.auth.account.repository.AccountRepository;
import io.mailserver.auth.address.MailAddress;
import io.mailserver.auth.admin.Refusal;
import io.mailserver.auth.alias.repository.AliasEntity;
import io.mailserver.auth.alias.repository.AliasRepository;
import io.mailserver.auth.domain.repository.DomainRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Aliases: an address in a hosted domain that delivers to local accounts and forwards to addresses at
 * other domains. A target in a hosted domain must be an account, never another alias, so resolving an
 * alias is one lookup and can never loop here; a target elsewhere is a forward, which smtp-service
 * queues outbound with an SRS sender (a loop through another server ends at the hop limit).
 */
@ApplicationScoped
public class AliasService {

    /** Enough for a team list; a mailing list is a different feature. */
    static final int MAX_TARGETS = 100;

    private final AliasRepository aliases;
    private final AccountRepository accounts;
    private final DomainRepository domains;

    AliasService(AliasRepository aliases, AccountRepository accounts, DomainRepository domains) {
        this.aliases = aliases;
        this.accounts = accounts;
        this.domains = domains;
    }

    @WithTransaction
    public Uni<AliasEntity> create(String address, List<String> targets) {
        MailAddress alias = MailAddress.parse(address)
                .orElseThrow(() -> new Refusal.Invalid("not a valid address: " + address));
        if (targets == null || targets.isEmpty()) {
            throw new Refusal.Invalid("an alias needs at least one target");
        }
        if (targets.size() > MAX_TARGETS) {
            throw new Refusal.Invalid("an alias has at most " + MAX_TARGETS + " targets");
        }
        // canonical form -> as given: accounts are found by the first, a forward keeps its local part's case
        Map<String, String> targetAddresses = new LinkedHashMap<>();
        for (String target : targets) {
            String canonical = MailAddress.parse(target).map(MailAddress::value)
                    .orElseThrow(() -> new Refusal.Invalid("not a valid target address: " + target));
            String trimmed = target.trim();
            String given = trimmed.substring(0, trimmed.lastIndexOf('@'));
            String local = canonical.substring(0, canonical.lastIndexOf('@'));
            // the given case only where it is the same ASCII text (a Kelvin sign lower-cases to "k")
            boolean sameText = given.chars().allMatch(c -> c < 0x80) && given.equalsIgnoreCase(local);
            targetAddresses.putIfAbsent(canonical, (sameText ? given : local) + "@" + MailAddress.domainOf(canonical));
        }
        return domains.findByName(alias.domain().value()).flatMap(domain -> {
            if (domain == null) {
                return Uni.createFrom().failure(new Refusal.NotFound(
                        "domain " + alias.domain() + " is not hosted here; add the domain first"));
            }
            return requireAddressFree(alias.value())
                    .flatMap(free -> hostedDomains(targetAddresses.keySet()))
                    .flatMap(hosted -> {
                        Set<String> local = new LinkedHashSet<>();
                        Set<String> forwards = new LinkedHashSet<>();
                        targetAddresses.forEach((canonical, given) -> {
                            if (hosted.contains(MailAddress.domainOf(canonical))) {
                                local.add(canonical);
                            } else {
                                forwards.add(given);
                            }
                        });
                        return targetAccounts(local).map(found -> new Targets(found, forwards));
                    })
                    .flatMap(found -> {
                        AliasEntity entity = new AliasEntity();
                        entity.domainId = domain.id;
                        entity.localPart = alias.localPart();
                        entity.address = alias.value();
                        entity.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        entity.targets.addAll(found.accounts());
                        entity.forwards.addAll(found.forwards());
                        return aliases.persist(entity);
                    });
        });
    }

    private Uni<Void> requireAddressFree(String address) {
        return accounts.findByAddress(address).flatMap(account -> account != null
                ? Uni.createFrom().failure(new Refusal.Conflict("an account " + address + " already exists"))
                : aliases.existsByAddress(address).flatMap(exists -> exists
                        ? Uni.createFrom().failure(new Refusal.Conflict("alias " + address + " already exists"))
                        : Uni.createFrom().voidItem()));
    }

    private record Targets(List<AccountEntity> accounts, Set<String> forwards) {
    }

    /** Which of the targets' domains are hosted here. */
    private Uni<Set<String>> hostedDomains(Collection<String> targets) {
        List<String> names = targets.stream().map(MailAddress::domainOf).distinct().toList();
        return domains.list("name in ?1", names)
                .map(found -> found.stream().map(domain -> domain.name).collect(Collectors.toSet()));
    }

    private Uni<List<AccountEntity>> targetAccounts(Set<String> addresses) {
        if (addresses.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return accounts.list("address in ?1", List.copyOf(addresses)).map(found -> {
            if (found.size() != addresses.size()) {
                Set<String> missing = new LinkedHashSet<>(addresses);
                found.forEach(account -> missing.remove(account.address));
                throw new Refusal.Invalid("targets in hosted domains must be accounts; not found: "
                        + String.join(", ", missing));
            }
            // Keep the order the operator gave.
            List<AccountEntity> ordered = new ArrayList<>();
            for (String address : addresses) {
                found.stream().filter(a -> a.address.equals(address)).findFirst().ifPresent(ordered::add);
            }
            return ordered;
        });
    }

    @WithSession
    public Uni<List<AliasEntity>> list() {
        return aliases.listWithTargets();
    }

    @WithTransaction
    public Uni<Void> delete(String address) {
        String canonical = MailAddress.parse(address).map(MailAddress::value)
                .orElseThrow(() -> new Refusal.NotFound("no alias " + address));
        return aliases.delete("address", canonical).map(deleted -> {
            if (deleted == 0) {
                throw new Refusal.NotFound("no alias " + address);
            }
            return null;
        });
    }
}
