package io.mailserver.auth.login.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.auth.account.repository.AccountEntity;
import io.mailserver.auth.account.service.AccountService;
import io.mailserver.auth.config.MailConfig;
import io.mailserver.auth.password.Argon2Cost;
import io.mailserver.auth.password.Argon2idHasher;
import io.mailserver.auth.password.PasswordService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The login decision alone, with the account lookup replaced by an in-memory map. */
class LoginServiceTest {

    private final Map<String, AccountEntity> accounts = new HashMap<>();
    private final Map<Long, String> rehashed = new HashMap<>();
    private boolean databaseDown;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PasswordService passwords = new PasswordService(config(64, 1));
    private long now = 0;
    private final VerifiedCredentials verified = new VerifiedCredentials(Duration.ofMinutes(10), 3, () -> now, new Random(1));
    private final LoginService logins = new LoginService(new InMemoryAccounts(), passwords, verified, registry);

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    @Test
    void rightPasswordLogsIn() {
        AccountEntity alice = account(1, "alice@example.test", "alice-password", true);

        LoginOutcome outcome = login("Alice@Example.TEST", "alice-password");

        assertThat(outcome).isInstanceOfSatisfying(LoginOutcome.Success.class,
                success -> assertThat(success.account()).isSameAs(alice));
    }

    @Test
    void wrongPasswordAndUnknownUserAreTheSameOutcome() {
        account(1, "alice@example.test", "alice-password", true);

        assertThat(login("alice@example.test", "wrong-password")).isInstanceOf(LoginOutcome.InvalidCredentials.class);
        assertThat(login("nobody@example.test", "alice-password")).isInstanceOf(LoginOutcome.InvalidCredentials.class);
        assertThat(login("", "alice-password")).isInstanceOf(LoginOutcome.InvalidCredentials.class);
        assertThat(login("alice@example.test", "")).isInstanceOf(LoginOutcome.InvalidCredentials.class);
        assertThat(login("alice@example.test", "x".repeat(PasswordService.MAX_LENGTH + 1)))
                .isInstanceOf(LoginOutcome.InvalidCredentials.class);
    }

    @Test
    void disabledIsOnlyToldToWhoKnowsThePassword() {
        account(1, "alice@example.test", "alice-password", false);

        assertThat(login("alice@example.test", "alice-password")).isInstanceOf(LoginOutcome.Disabled.class);
        assertThat(login("alice@example.test", "wrong-password")).isInstanceOf(LoginOutcome.InvalidCredentials.class);
    }

    @Test
    void databaseTroubleIsATemporaryFailure() {
        databaseDown = true;

        assertThat(login("alice@example.test", "alice-password")).isInstanceOf(LoginOutcome.TemporaryFailure.class);
    }

    /**
     * A flood of logins against one hashing thread and two waiting places: the ones beyond are shed at
     * once as temporary failures (the client tries again later) instead of piling up.
     */
    @Test
    void aFloodOfLoginsIsShedNotQueuedWithoutBound() {
        PasswordService slow = new PasswordService(config(16 * 1024, 3, 1, 2));
        LoginService flooded = new LoginService(new InMemoryAccounts(), slow, off(), registry);
        account(1, "alice@example.test", "alice-password", true);

        java.util.List<Uni<LoginOutcome>> attempts = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(flooded.authenticate(new LoginAttempt("alice@example.test", "wrong-" + i, "imap", "192.0.2.1", "PLAIN"))
                    .memoize().indefinitely());
        }
        attempts.forEach(attempt -> attempt.subscribe().with(outcome -> { }));
        java.util.List<LoginOutcome> outcomes = attempts.stream().map(a -> a.await().atMost(Duration.ofSeconds(60))).toList();

        assertThat(outcomes).filteredOn(o -> o instanceof LoginOutcome.TemporaryFailure).isNotEmpty();
        assertThat(outcomes).filteredOn(o -> o instanceof LoginOutcome.InvalidCredentials).isNotEmpty();
        assertThat(outcomes).allMatch(o -> o instanceof LoginOutcome.TemporaryFailure || o instanceof LoginOutcome.InvalidCredentials);
        assertThat(slow.queued()).isZero();
    }

    /** The second login with the same password finds it verified; Argon2 is not run again. */
    @Test
    void aRepeatedLoginSkipsArgon2ButAWrongPasswordNeverDoes() {
        CountingPasswords counting = new CountingPasswords();
        LoginService cached = new LoginService(new InMemoryAccounts(), counting, verified, registry);
        AccountEntity alice = account(1, "alice@example.test", "alice-password", true);

        assertThat(login(cached, "alice@example.test", "alice-password")).isInstanceOf(LoginOutcome.Success.class);
        assertThat(counting.verifications).isEqualTo(1);
        assertThat(login(cached, "alice@example.test", "alice-password")).isInstanceOf(LoginOutcome.Success.class);
        assertThat(login(cached, "Alice@example.test", "alice-password")).isInstanceOf(LoginOutcome.Success.class);
        assertThat(counting.verifications).isEqualTo(1);

        assertThat(login(cached, "alice@example.test", "wrong-password")).isInstanceOf(LoginOutcome.InvalidCredentials.class);
        assertThat(login(cached, "alice@example.test", "wrong-password")).isInstanceOf(LoginOutcome.InvalidCredentials.class);
        assertThat(counting.verifications).isEqualTo(3);
        assertThat(verified.verifiedRecently(alice.passwordHash, "alice-password")).isTrue();
        assertThat(verified.size()).isEqualTo(1);
    }

    /** Counts the full verifications asked of it. */
    private static final class CountingPasswords extends PasswordService {
        int verifications;

        CountingPasswords() {
            super(config(64, 1));
        }

        @Override
        public Uni<Boolean> verify(String phc, String secret) {
            verifications++;
            return super.verify(phc, secret);
        }
    }

    @Test
    void aChangedPasswordOrADisabledAccountIsSeenAtOnce() {
        AccountEntity alice = account(1, "alice@example.test", "alice-password", true);
        assertThat(login("alice@example.test", "alice-password")).isInstanceOf(LoginOutcome.Success.class);

        alice.enabled = false;
        assertThat(login("alice@example.test", "alice-password")).isInstanceOf(LoginOutcome.Disabled.class);
        alice.enabled = true;
        alice.passwordHash = new Argon2idHasher(new Argon2Cost(64, 1, 1)).hash("new-password");
        assertThat(login("alice@example.test", "alice-password")).isInstanceOf(LoginOutcome.InvalidCredentials.class);
        assertThat(login("alice@example.test", "new-password")).isInstanceOf(LoginOutcome.Success.class);
    }

    @Test
    void entriesExpireAndTheOldestGoFirst() {
        verified.remember("$argon2id$a", "one");
        now += Duration.ofMinutes(5).toNanos();
        verified.remember("$argon2id$b", "two");
        verified.remember("$argon2id$c", "three");
        verified.remember("$argon2id$d", "four");

        assertThat(verified.verifiedRecently("$argon2id$a", "one")).as("pushed out by the fourth").isFalse();
        assertThat(verified.verifiedRecently("$argon2id$b", "two")).isTrue();
        assertThat(verified.verifiedRecently("$argon2id$b", "three")).isFalse();
        now += Duration.ofMinutes(10).toNanos();
        assertThat(verified.verifiedRecently("$argon2id$b", "two")).as("past its time").isFalse();
        assertThat(off().verifiedRecently("$argon2id$b", "two")).isFalse();
    }

    /**
     * Entries remembered together expire over the last quarter of the time-to-live, not at one
     * moment: a login wave's Argon2 hashes come back spread out, and no entry outlives the TTL.
     */
    @Test
    void entriesMadeTogetherExpireSpreadOverTheLastQuarterOfTheirTime() {
        VerifiedCredentials many = new VerifiedCredentials(Duration.ofMinutes(10), 1000, () -> now, new Random(7));
        List<String> hashes = IntStream.range(0, 400).mapToObj(i -> "$argon2id$" + i).toList();
        hashes.forEach(hash -> many.remember(hash, "secret"));

        now = Duration.ofSeconds(450).toNanos() - 1;
        assertThat(hashes).allMatch(hash -> many.verifiedRecently(hash, "secret"));
        now = Duration.ofSeconds(525).toNanos();
        long left = hashes.stream().filter(hash -> many.verifiedRecently(hash, "secret")).count();
        assertThat(left).as("about half gone halfway through the last quarter").isBetween(120L, 280L);
        now = Duration.ofMinutes(10).toNanos();
        assertThat(hashes).noneMatch(hash -> many.verifiedRecently(hash, "secret"));
    }

    @Test
    void everyAttemptIsCountedByProtocolAndOutcome() {
        account(1, "alice@example.test", "alice-password", true);

        login("alice@example.test", "alice-password");
        login("alice@example.test", "wrong-password");
        login("bob@example.test", "wrong-password");

        assertThat(count("success")).isEqualTo(1.0);
        assertThat(count("invalid_credentials")).isEqualTo(2.0);
    }

    @Test
    void hashWithOutdatedCostIsUpgradedAfterASuccessfulLogin() {
        AccountEntity alice = account(1, "alice@example.test", "alice-password", true);
        alice.passwordHash = new Argon2idHasher(new Argon2Cost(32, 1, 1)).hash("alice-password");

        assertThat(login("alice@example.test", "alice-password")).isInstanceOf(LoginOutcome.Success.class);

        assertThat(rehashed.get(1L)).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
        assertThat(new Argon2idHasher(new Argon2Cost(64, 1, 1)).verify(rehashed.get(1L), "alice-password")).isTrue();
        assertThat(verified.verifiedRecently(rehashed.get(1L), "alice-password")).as("the new hash is remembered").isTrue();
    }

    @Test
    void loggedClientTextStaysOnOneLine() {
        assertThat(LoginService.loggable("alice@example.test", 320)).isEqualTo("\"alice@example.test\"");
        assertThat(LoginService.loggable("x\r\nforged line", 320)).isEqualTo("\"x\\x0d\\x0aforged line\"");
        assertThat(LoginService.loggable("a\"b\\c", 320)).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(LoginService.loggable("abcdef", 3)).isEqualTo("\"abc...\"");
        assertThat(LoginService.loggable(null, 3)).isEqualTo("\"\"");
    }

    @Test
    void attemptToStringLeavesTheSecretOut() {
        LoginAttempt attempt = new LoginAttempt("alice@example.test", "hunter2-secret", "imap", "192.0.2.1", "PLAIN");

        assertThat(attempt.toString()).doesNotContain("hunter2-secret").contains("alice@example.test");
    }

    private LoginOutcome login(String username, String secret) {
        return login(logins, username, secret);
    }

    private static VerifiedCredentials off() {
        VerifiedCredentials off = new VerifiedCredentials(Duration.ZERO, 10, System::nanoTime, new Random(1));
        off.remember("$argon2id$b", "two");
        return off;
    }

    private static LoginOutcome login(LoginService logins, String username, String secret) {
        return logins.authenticate(new LoginAttempt(username, secret, "imap", "192.0.2.1", "PLAIN"))
                .await().atMost(Duration.ofSeconds(30));
    }

    private double count(String outcome) {
        return registry.get(LoginService.ATTEMPTS_METRIC).tag("protocol", "imap").tag("outcome", outcome)
                .counter().count();
    }

    private AccountEntity account(long id, String address, String password, boolean enabled) {
        AccountEntity account = new AccountEntity();
        account.id = id;
        account.address = address;
        account.displayName = "";
        account.enabled = enabled;
        account.passwordHash = new Argon2idHasher(new Argon2Cost(64, 1, 1)).hash(password);
        accounts.put(address, account);
        return account;
    }

    /** The lookups {@link LoginService} makes, answered from {@link #accounts}. */
    private final class InMemoryAccounts extends AccountService {

        InMemoryAccounts() {
            super(null, null, null, null, null);
        }

        @Override
        public Uni<AccountEntity> findByAddress(String address) {
            if (databaseDown) {
                return Uni.createFrom().failure(new IllegalStateException("connection refused"));
            }
            return Uni.createFrom().item(accounts.get(address.toLowerCase(Locale.ROOT)));
        }

        @Override
        public Uni<Void> rehash(long accountId, String expectedOldHash, String newHash) {
            rehashed.put(accountId, newHash);
            return Uni.createFrom().voidItem();
        }
    }

    private static MailConfig config(int memoryKib, int iterations) {
        return config(memoryKib, iterations, 2, 64);
    }

    private static MailConfig config(int memoryKib, int iterations, int threads, int queued) {
        return new MailConfig() {
            @Override
            public Auth auth() {
                return new Auth() {
                    @Override
                    public Argon2 argon2() {
                        return new Argon2() {
                            @Override
                            public int memoryKib() {
                                return memoryKib;
                            }

                            @Override
                            public int iterations() {
                                return iterations;
                            }

                            @Override
                            public int parallelism() {
                                return 1;
                            }

                            @Override
                            public int maxConcurrent() {
                                return threads;
                            }

                            @Override
                            public int maxQueued() {
                                return queued;
                            }

                            @Override
                            public java.time.Duration releaseMemoryAfter() {
                                return java.time.Duration.ZERO;
                            }
                        };
                    }

                    @Override
                    public String subAddressSeparator() {
                        return "+";
                    }

                    @Override
                    public int minPasswordLength() {
                        return 8;
                    }

                    @Override
                    public CredentialsCache credentialsCache() {
                        return null; // the tests make their own
                    }

                    @Override
                    public Outbox outbox() {
                        return null; // logins record no events
                    }

                    @Override
                    public Dkim dkim() {
                        return null; // logins make no keys
                    }
                };
            }

            @Override
            public Admin admin() {
                return Optional::empty;
            }

            @Override
            public String hostname() {
                return "localhost";
            }
        };
    }
}
