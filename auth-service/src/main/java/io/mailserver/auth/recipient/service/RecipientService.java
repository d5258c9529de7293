package io.mailserver.auth.recipient.service;

import io.mailserver.auth.account.repository.AccountEntity;
import io.mailserver.auth.account.repository.AccountRepository;
import io.mailserver.auth.alias.repository.AliasEntity;
import io.mailserver.auth.alias.repository.AliasRepository;
import io.mailserver.auth.config.MailConfig;
import io.mailserver.auth.domain.repository.DomainRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

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
            return aliases.findByAddress(address).map(alias -> fromAlias(alias, detail));
        });
    }

    private static Resolution fromAlias(AliasEntity alias, String detail) {
        if (alias == null) {
            return null;
        }
        if (alias.targets.isEmpty() && alias.forwards.isEmpty()) {
            // Not left behind by account deletion, but a row edited by hand must not swallow mail.
            return new Resolution.UnknownLocal();
        }
        List<AccountEntity> targets = alias.targets.stream()
                .sorted(Comparator.comparing(account -> account.id))
                .toList();
        return new Resolution.Local(targets, detail, alias.forwards.stream().sorted().toList());
    }
}
