package io.mailserver.auth.login.service;

import io.mailserver.auth.account.repository.AccountEntity;
import io.mailserver.auth.account.service.AccountService;
import io.mailserver.auth.password.PasswordService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Decides logins. An unknown user costs one Argon2 verification against a dummy hash, exactly like a
 * wrong password, so neither the answer nor its timing tells whether the user exists. A disabled
 * account is only reported once the secret was right, for the same reason. A secret that matched
 * the account's stored hash a moment ago is taken from {@link VerifiedCredentials} without another
 * Argon2 run; any other secret pays the full verification.
 */
@ApplicationScoped
public class LoginService {

    static final String ATTEMPTS_METRIC = "mail.auth.attempts";
    private static final Logger LOG = Logger.getLogger(LoginService.class);
    /** Usernames beyond this length are not addresses; they are neither looked up nor logged in full. */
    private static final int MAX_USERNAME = 320;

    private final AccountService accounts;
    private final PasswordService passwords;
    private final VerifiedCredentials verified;
    private final MeterRegistry registry;

    LoginService(AccountService accounts, PasswordService passwords, VerifiedCredentials verified, MeterRegistry registry) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.verified = verified;
        this.registry = registry;
    }

    public Uni<LoginOutcome> authenticate(LoginAttempt attempt) {
        String username = attempt.username() == null ? "" : attempt.username().trim();
        Uni<AccountEntity> lookup = username.isEmpty() || username.length() > MAX_USERNAME
                ? Uni.createFrom().nullItem()
                : accounts.findByAddress(username);
        return lookup
                .onItemOrFailure().transformToUni((account, failure) -> {
                    if (failure != null) {
                        LOG.errorf("login lookup failed: %s", failure.toString());
                        return Uni.createFrom().<LoginOutcome>item(new LoginOutcome.TemporaryFailure());
                    }
                    if (account == null) {
                        return passwords.verifyUnknownUser(attempt.secret())
                                .map(ignored -> (LoginOutcome) new LoginOutcome.InvalidCredentials());
                    }
                    String storedHash = account.passwordHash;
                    if (verified.verifiedRecently(storedHash, attempt.secret())) {
                        return decide(account, attempt.secret(), true);
                    }
                    return passwords.verify(storedHash, attempt.secret())
                            .invoke(matches -> {
                                if (matches) {
                                    verified.remember(storedHash, attempt.secret());
                                }
                            })
                            .flatMap(matches -> decide(account, attempt.secret(), matches));
                })
                // More logins than the hashing pool may queue: shed this one; the client tries again later.
                .onFailure(PasswordService.Saturated.class).recoverWithItem(() -> new LoginOutcome.TemporaryFailure())
                .invoke(outcome -> record(attempt, username, outcome));
    }

    private Uni<LoginOutcome> decide(AccountEntity account, String secret, boolean matches) {
        if (!matches) {
            return Uni.createFrom().item(new LoginOutcome.InvalidCredentials());
        }
        if (!account.enabled) {
            return Uni.createFrom().item(new LoginOutcome.Disabled());
        }
        LoginOutcome success = new LoginOutcome.Success(account);
        if (!passwords.isOutdated(account.passwordHash)) {
            return Uni.createFrom().item(success);
        }
        // The configured Argon2 cost changed since this hash was made: upgrade it now that the
        // password is known. A failure here must not turn a good login into a bad one.
        String oldHash = account.passwordHash;
        return passwords.hash(secret)
                .flatMap(newHash -> accounts.rehash(account.id, oldHash, newHash)
                        // the next login finds the new hash verified too (a hash no row holds is never looked up)
                        .invoke(ignored -> verified.remember(newHash, secret)))
                .onFailure().invoke(e -> LOG.warnf("password re-hash failed: account_id=%d cause=%s", account.id, e))
                .onItemOrFailure().transform((ignored, failure) -> success);
    }

    private void record(LoginAttempt attempt, String username, LoginOutcome outcome) {
        Counter.builder(ATTEMPTS_METRIC)
                .description("Login attempts by protocol and outcome")
                .tag("protocol", attempt.protocol())
                .tag("outcome", outcome.tag())
                .register(registry)
                .increment();
        if (!(outcome instanceof LoginOutcome.Success)) {
            LOG.infof("login failed: outcome=%s protocol=%s mechanism=%s remote=%s username=%s",
                    outcome.tag(), attempt.protocol(), loggable(attempt.mechanism(), 32),
                    loggable(attempt.remoteAddress(), 64), loggable(username, MAX_USERNAME));
        }
    }

    /** Client-controlled text made safe for a one-line log: quoted, escaped, bounded. */
    static String loggable(String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            return "\"\"";
        }
        String bounded = value.length() > maxLength ? value.substring(0, maxLength) + "..." : value;
        StringBuilder out = new StringBuilder(bounded.length() + 2).append('"');
        for (int i = 0; i < bounded.length(); i++) {
            char c = bounded.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
