package io.mailserver.auth.recipient.service;

import io.mailserver.auth.account.repository.AccountEntity;
import io.mailserver.auth.account.repository.AccountRepository;
import io.mailserver.auth.address.MailAddress;
import io.mailserver.auth.alias.repository.AliasEntity;
import io.mailserver.auth.alias.repository.AliasRepository;
import io.mailserver.auth.config.MailConfig;
import io.mailserver.auth.domain.repository.DomainRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Resolves an RFC 5321 forward-path mailbox to local accounts and, for an alias, its forwards.
 *
 * <p>Order: the domain must be hosted; then the full local part is tried as an account, then as an
 * alias; only then, if it contains the sub-address separator, the part before the first separator is
 * tried the same way and the rest becomes the detail. Trying the full local part first keeps an
 * account such as {@code first+last@} reachable (Postfix's {@code recipient_delimiter} works the same).
 * Local parts compare case-insensitively; the detail keeps the case the sender used.
 */
@ApplicationScoped
public class RecipientService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RecipientService.class);

    private final DomainRepository domains;
    private final AccountRepository accounts;
    private final AliasRepository aliases;
    private final String separator;

    RecipientService(DomainRepository domains, AccountRepository accounts, AliasRepository aliases, MailConfig config) {
        this.domains = domains;
        this.accounts = accounts;
        this.aliases = aliases;
        this.separator = config.auth().subAddressSeparator();
    }

    /**
     * @param address {@code local@domain}
     * @throws IllegalArgumentException when {@code address} has no local part or no domain
     */
    @WithSession
    public Uni<Resolution> resolve(String address) {
        String trimmed = address == null ? "" : address.trim();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            throw new IllegalArgumentException("not an address");
        }
        String local = trimmed.substring(0, at);
        String domain = trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        String hosted = domain;
        return domains.findByName(hosted).flatMap(found -> {
            if (found == null) {
                return Uni.createFrom().item(new Resolution.NotLocal());
            }
            return lookup(local.toLowerCase(Locale.ROOT) + "@" + hosted, "").flatMap(exact -> {
                if (exact != null) {
                    return Uni.createFrom().item(exact);
                }
                int split = separator.isEmpty() ? -1 : local.indexOf(separator);
                if (split <= 0) {
                    return Uni.createFrom().item(new Resolution.UnknownLocal());
                }
                String base = local.substring(0, split).toLowerCase(Locale.ROOT) + "@" + hosted;
                String detail = local.substring(split + separator.length());
                return lookup(base, detail).map(stripped -> stripped != null ? stripped : new Resolution.UnknownLocal());
            });
        });
    }

    /** Account, then alias, with canonical address {@code address}; {@code null} when neither. */
    private Uni<Resolution> lookup(String address, String detail) {
        return accounts.findByAddress(address).flatMap(account -> {
            if (account != null) {
                return Uni.createFrom().item(new Resolution.Local(List.of(account), detail));
            }
            return aliases.findByAddress(address).flatMap(alias -> alias == null ? Uni.createFrom().<Resolution>nullItem()
                    : stillForeign(alias.forwards).map(forwards -> fromAlias(alias, forwards, detail)));
        });
    }

    /**
     * The forwards whose domain is still not hosted, and the accounts of those whose domain is hosted
     * now (added after the alias was made): mail for them is delivered here, never sent out to come
     * back through the MX. A forward to a hosted domain without such an account is left out.
     */
    private Uni<Forwards> stillForeign(Set<String> forwards) {
        if (forwards.isEmpty()) {
            return Uni.createFrom().item(new Forwards(List.of(), List.of()));
        }
        List<String> forwardDomains = forwards.stream().map(MailAddress::domainOf).distinct().toList();
        return domains.list("name in ?1", forwardDomains).flatMap(hosted -> {
            Set<String> hostedNames = hosted.stream().map(d -> d.name).collect(Collectors.toSet());
            List<String> foreign = forwards.stream().filter(f -> !hostedNames.contains(MailAddress.domainOf(f))).sorted().toList();
            List<String> nowLocal = forwards.stream().filter(f -> hostedNames.contains(MailAddress.domainOf(f)))
                    .map(f -> f.toLowerCase(Locale.ROOT)).toList();
            return nowLocal.isEmpty() ? Uni.createFrom().item(new Forwards(foreign, List.of()))
                    : accounts.list("address in ?1", nowLocal).map(found -> {
                        if (found.size() < nowLocal.size()) {
                            LOG.warnf("an alias forwards to %d addresses of domains hosted here now that are no account;"
                                    + " left out (make them targets of their own)", nowLocal.size() - found.size());
                        }
                        return new Forwards(foreign, found);
                    });
        });
    }

    private record Forwards(List<String> foreign, List<AccountEntity> nowLocal) {
    }


    private static Resolution fromAlias(AliasEntity alias, Forwards forwards, String detail) {
        Map<Long, AccountEntity> targets = new TreeMap<>();
        alias.targets.forEach(account -> targets.put(account.id, account));
        forwards.nowLocal().forEach(account -> targets.putIfAbsent(account.id, account));
        if (targets.isEmpty() && forwards.foreign().isEmpty()) {
            // Not left behind by account deletion, but a row edited by hand must not swallow mail.
            return new Resolution.UnknownLocal();
        }
        return new Resolution.Local(List.copyOf(targets.values()), detail, forwards.foreign());
    }
}
