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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
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

    /**
     * The common case in one statement: is the domain hosted, and is the whole address an account.
     * One row when the domain is hosted (the account's columns null when there is no such account);
     * only the columns the answer carries (AuthGrpcService.toAccount): no password hash on this path.
     */
    private static final String HOSTED_ACCOUNT = "SELECT a.account_id, a.address, a.display_name, a.enabled, a.quota_bytes"
            + " FROM auth.domains d LEFT JOIN auth.accounts a ON a.address = $2 AND a.domain_id = d.domain_id"
            + " WHERE d.name = $1";

    private final DomainRepository domains;
    private final AccountRepository accounts;
    private final AliasRepository aliases;
    private final Pool pool;
    private final String separator;

    RecipientService(DomainRepository domains, AccountRepository accounts, AliasRepository aliases, Pool pool,
            MailConfig config) {
        this.domains = domains;
        this.accounts = accounts;
        this.aliases = aliases;
        this.pool = pool;
        this.separator = config.auth().subAddressSeparator();
    }

    /**
     * @param address {@code local@domain}
     * @throws IllegalArgumentException when {@code address} has no local part or no domain
     */
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
        // Every RCPT of every message comes here: the plain account is answered by one prepared
        // statement, without an ORM session; aliases and sub-addresses take the path below.
        return pool.preparedQuery(HOSTED_ACCOUNT).execute(Tuple.of(hosted, local.toLowerCase(Locale.ROOT) + "@" + hosted))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(new Resolution.NotLocal());
                    }
                    Row row = rows.iterator().next();
                    if (row.getLong("account_id") != null) {
                        return Uni.createFrom().item(new Resolution.Local(List.of(account(row)), ""));
                    }
                    return resolveInHostedDomain(local, hosted);
                });
    }

    /** An address of a hosted domain that is not an account as given: an alias, or a sub-address. */
    @WithSession
    Uni<Resolution> resolveInHostedDomain(String local, String hosted) {
        // the statement above found no account with the whole address: only an alias may have it
        return alias(local.toLowerCase(Locale.ROOT) + "@" + hosted, "").flatMap(exact -> {
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
    }

    private static AccountEntity account(Row row) {
        AccountEntity account = new AccountEntity();
        account.id = row.getLong("account_id");
        account.address = row.getString("address");
        account.displayName = row.getString("display_name");
        account.enabled = row.getBoolean("enabled");
        account.quotaBytes = row.getLong("quota_bytes");
        return account;
    }

    /** Account, then alias, with canonical address {@code address}; {@code null} when neither. */
    private Uni<Resolution> lookup(String address, String detail) {
        return accounts.findByAddress(address).flatMap(account -> {
            if (account != null) {
                return Uni.createFrom().item(new Resolution.Local(List.of(account), detail));
            }
            return alias(address, detail);
        });
    }

    /** The alias with canonical address {@code address}; {@code null} when there is none. */
    private Uni<Resolution> alias(String address, String detail) {
        return aliases.findByAddress(address).flatMap(alias -> alias == null ? Uni.createFrom().<Resolution>nullItem()
                : stillForeign(alias.forwards).map(forwards -> fromAlias(alias, forwards, detail)));
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
