package io.mailserver.auth.account.service;

import io.mailserver.auth.account.repository.AccountEntity;
import io.mailserver.auth.account.repository.AccountRepository;
import io.mailserver.auth.address.DomainName;
import io.mailserver.auth.address.MailAddress;
import io.mailserver.auth.admin.Refusal;
import io.mailserver.auth.alias.repository.AliasRepository;
import io.mailserver.auth.domain.repository.DomainRepository;
import io.mailserver.auth.events.AccountEvents;
import io.mailserver.auth.password.PasswordService;
import io.mailserver.contracts.events.v1.AccountEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The lifecycle of accounts: create, read, change password or settings, delete.
 *
 * <p>Passwords are hashed before a transaction opens (hashing is slow and must not hold a database
 * connection). Every change records its {@link AccountEvent} in the outbox inside its transaction,
 * after locking the account row, so the event exists exactly when the change does and, per account,
 * in commit order; the relay is woken once the transaction committed.
 */
@ApplicationScoped
public class AccountService {

    /** Longest display name kept; it ends up in headers and client UIs, not in documents. */
    static final int MAX_DISPLAY_NAME = 256;

    private final AccountRepository accounts;
    private final DomainRepository domains;
    private final AliasRepository aliases;
    private final PasswordService passwords;
    private final AccountEvents events;

    public AccountService(AccountRepository accounts, DomainRepository domains, AliasRepository aliases,
            PasswordService passwords, AccountEvents events) {
        this.accounts = accounts;
        this.domains = domains;
        this.aliases = aliases;
        this.passwords = passwords;
        this.events = events;
    }

    /**
     * Creates an account in an existing domain.
     *
     * @param displayName optional, empty when {@code null}
     * @param quotaBytes  optional, 0 (unlimited) when {@code null}
     */
    public Uni<AccountEntity> create(String address, String password, String displayName, Long quotaBytes) {
        MailAddress canonical = MailAddress.parse(address)
                .orElseThrow(() -> new Refusal.Invalid("not a valid address: " + address));
        requireAcceptable(password);
        String name = checkedDisplayName(displayName == null ? "" : displayName);
        long quota = checkedQuota(quotaBytes == null ? 0L : quotaBytes);
        return passwords.hash(password)
                .flatMap(hash -> Panache.withTransaction(() -> insert(canonical, hash, name, quota)
                        .call(account -> events.record(account, AccountEvent.Kind.CREATED))))
                .invoke(events::committed);
    }

    private Uni<AccountEntity> insert(MailAddress address, String hash, String displayName, long quota) {
        return domains.findByName(address.domain().value()).flatMap(domain -> {
            if (domain == null) {
                return Uni.createFrom().failure(new Refusal.NotFound(
                        "domain " + address.domain() + " is not hosted here; add the domain first"));
            }
            return requireAddressFree(address.value()).flatMap(free -> {
                Instant now = now();
                AccountEntity account = new AccountEntity();
                account.domainId = domain.id;
                account.localPart = address.localPart();
                account.address = address.value();
                account.passwordHash = hash;
                account.displayName = displayName;
                account.enabled = true;
                account.quotaBytes = quota;
                account.createdAt = now;
                account.updatedAt = now;
                return accounts.persist(account);
            });
        });
    }

    private Uni<Void> requireAddressFree(String address) {
        return accounts.findByAddress(address).flatMap(existing -> existing != null
                ? Uni.createFrom().failure(new Refusal.Conflict("account " + address + " already exists"))
                : aliases.existsByAddress(address).flatMap(alias -> alias
                        ? Uni.createFrom().failure(new Refusal.Conflict("an alias " + address + " already exists"))
                        : Uni.createFrom().voidItem()));
    }

    /** All accounts, or those of one domain when {@code domain} is not {@code null}. */
    @WithSession
    public Uni<List<AccountEntity>> list(String domain) {
        if (domain == null || domain.isBlank()) {
            return accounts.listByAddress();
        }
        String name = DomainName.parse(domain).map(DomainName::value)
                .orElseThrow(() -> new Refusal.Invalid("not a valid domain name: " + domain));
        return domains.findByName(name).flatMap(entity -> entity == null
                ? Uni.createFrom().failure(new Refusal.NotFound("no domain " + name))
                : accounts.listInDomain(entity.id));
    }

    /** The account with {@code address}; a {@link Refusal.NotFound} when there is none. */
    @WithSession
    public Uni<AccountEntity> get(String address) {
        return accounts.findByAddress(canonical(address)).map(account -> existing(account, address));
    }

    /** The account with {@code address} (any case), or {@code null}; the login lookup. */
    @WithSession
    public Uni<AccountEntity> findByAddress(String address) {
        return accounts.findByAddress(address.toLowerCase(java.util.Locale.ROOT));
    }

    /** Up to {@code limit} accounts with an id above {@code afterId}, ascending by id. */
    @WithSession
    public Uni<List<AccountEntity>> page(long afterId, int limit) {
        return accounts.pageById(afterId, limit);
    }

    /** The account with id {@code id}, or {@code null}. */
    @WithSession
    public Uni<AccountEntity> findById(long id) {
        return accounts.findById(id);
    }

    public Uni<Void> changePassword(String address, String password) {
        String canonical = canonical(address);
        requireAcceptable(password);
        return passwords.hash(password)
                .flatMap(hash -> Panache.withTransaction(() -> accounts.lockByAddress(canonical)
                        .map(account -> existing(account, address))
                        .invoke(account -> {
                            account.passwordHash = hash;
                            account.updatedAt = now();
                        })
                        .call(account -> events.record(account, AccountEvent.Kind.PASSWORD_CHANGED))))
                .invoke(events::committed)
                .replaceWithVoid();
    }

    /**
     * Replaces a hash computed with outdated Argon2 parameters after a successful login, when the
     * password is known. Publishes nothing: the password itself did not change.
     */
    public Uni<Void> rehash(long accountId, String expectedOldHash, String newHash) {
        return Panache.withTransaction(() -> accounts.findById(accountId).invoke(account -> {
            // A password change that raced the login wins.
            if (account != null && account.passwordHash.equals(expectedOldHash)) {
                account.passwordHash = newHash;
            }
        })).replaceWithVoid();
    }

    public Uni<AccountEntity> update(String address, AccountChanges changes) {
        String canonical = canonical(address);
        String name = changes.displayName() == null ? null : checkedDisplayName(changes.displayName());
        Long quota = changes.quotaBytes() == null ? null : checkedQuota(changes.quotaBytes());
        return Panache.withTransaction(() -> accounts.lockByAddress(canonical)
                        .map(account -> existing(account, address))
                        .invoke(account -> {
                            if (name != null) {
                                account.displayName = name;
                            }
                            if (changes.enabled() != null) {
                                account.enabled = changes.enabled();
                            }
                            if (quota != null) {
                                account.quotaBytes = quota;
                            }
                            account.updatedAt = now();
                        })
                        .call(account -> events.record(account, AccountEvent.Kind.UPDATED)))
                .invoke(events::committed);
    }

    /** Deletes an account; aliases lose it as a target, and aliases left without targets go too. */
    public Uni<Void> delete(String address) {
        String canonical = canonical(address);
        return Panache.withTransaction(() -> accounts.lockByAddress(canonical)
                        .map(account -> existing(account, address))
                        .call(account -> events.record(account, AccountEvent.Kind.DELETED))
                        .call(accounts::delete)
                        .call(accounts::flush)
                        .call(aliases::deleteWithoutTargets))
                .invoke(events::committed)
                .replaceWithVoid();
    }

    private void requireAcceptable(String password) {
        String rejection = passwords.rejectionOf(password);
        if (rejection != null) {
            throw new Refusal.Invalid(rejection);
        }
    }

    private static String checkedDisplayName(String displayName) {
        if (displayName.length() > MAX_DISPLAY_NAME) {
            throw new Refusal.Invalid("display name must have at most " + MAX_DISPLAY_NAME + " characters");
        }
        if (displayName.chars().anyMatch(Character::isISOControl)) {
            throw new Refusal.Invalid("display name must not contain control characters");
        }
        return displayName.strip();
    }

    private static long checkedQuota(long quotaBytes) {
        if (quotaBytes < 0) {
            throw new Refusal.Invalid("quotaBytes must be 0 (unlimited) or positive");
        }
        return quotaBytes;
    }

    private static String canonical(String address) {
        return MailAddress.parse(address).map(MailAddress::value)
                .orElseThrow(() -> new Refusal.NotFound("no account " + address));
    }

    private static AccountEntity existing(AccountEntity account, String address) {
        if (account == null) {
            throw new Refusal.NotFound("no account " + address);
        }
        return account;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
