package io.mailserver.auth.login.service;

import io.mailserver.auth.config.MailConfig;
import io.mailserver.auth.password.PasswordService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets that matched a stored password hash a short while ago, so a client that reconnects does
 * not pay Argon2 on every login.
 *
 * <p>An entry is an HMAC of the stored PHC string and the secret under a key made at startup and
 * never stored: the memory holds no password, and the stored hash in the key means a changed
 * password (a new PHC string, with a new salt) finds nothing, in every instance, with no event to
 * wait for. Only successes are remembered; a wrong password misses and pays the full verification.
 * Whether the account is still enabled is decided from its row on every login, never from here.
 *
 * <p>An entry lives for a random time in the last quarter of the time-to-live, never longer: entries
 * made together (a login wave in the morning, every client reconnecting after a restart) would
 * otherwise expire together and bring back all their Argon2 hashes at once. The benchmark showed
 * it: a hundred users logged in within seconds, and ten minutes later their logins stalled for
 * seconds behind a hundred hashes and the collections their memory took.
 */
@ApplicationScoped
public class VerifiedCredentials {

    private static final String MAC = "HmacSHA256";

    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier clock;
    /** Picks how much earlier than the time-to-live an entry expires ({@link Random} is thread-safe). */
    private final Random spread;
    private final SecretKeySpec key;
    /** Insertion order: the eldest entry is the first to go when full. */
    private final Map<ByteBuffer, Long> expiries;

    @Inject
    VerifiedCredentials(MailConfig config) {
        this(config.auth().credentialsCache().ttl(), config.auth().credentialsCache().maxEntries(), System::nanoTime,
                new Random());
    }

    VerifiedCredentials(Duration ttl, int maxEntries, LongSupplier nanoClock, Random spread) {
        this.ttlNanos = Math.max(0, ttl.toNanos());
        this.maxEntries = Math.max(0, maxEntries);
        this.clock = nanoClock;
        this.spread = spread;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, MAC);
        this.expiries = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Long> eldest) {
                return size() > VerifiedCredentials.this.maxEntries;
            }
        };
    }

    /** Whether {@code secret} matched {@code storedHash} within the time-to-live. */
    public boolean verifiedRecently(String storedHash, String secret) {
        if (!enabled() || storedHash == null || secret == null || secret.length() > PasswordService.MAX_LENGTH) {
            return false; // a secret no password can be is not worth a hash on the event loop
        }
        ByteBuffer entry = entry(storedHash, secret);
        synchronized (expiries) {
            Long expiry = expiries.get(entry);
            if (expiry == null) {
                return false;
            }
            if (clock.getAsLong() - expiry >= 0) {
                expiries.remove(entry);
                return false;
            }
            return true;
        }
    }

    /** Remembers that {@code secret} matched {@code storedHash} (call only after a full verification). */
    public void remember(String storedHash, String secret) {
        if (!enabled() || storedHash == null || secret == null) {
            return;
        }
        ByteBuffer entry = entry(storedHash, secret);
        long expiry = clock.getAsLong() + ttlNanos - (long) (spread.nextDouble() * (ttlNanos / 4));
        synchronized (expiries) {
            expiries.remove(entry); // re-inserted at the end: the eldest goes first when full
            expiries.put(entry, expiry);
        }
    }

    /** Entries held now, expired ones included until they are looked at or pushed out. */
    int size() {
        synchronized (expiries) {
            return expiries.size();
        }
    }

    private boolean enabled() {
        return ttlNanos > 0 && maxEntries > 0;
    }

    private ByteBuffer entry(String storedHash, String secret) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            mac.update(storedHash.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0); // a PHC string holds no NUL: the two parts cannot run into each other
            return ByteBuffer.wrap(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
