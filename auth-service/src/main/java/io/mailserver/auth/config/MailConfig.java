package io.mailserver.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The whole configuration of auth-service under the {@code mail} prefix (see
 * {@code docs/configuration.md}). Keys the rest of the system passes to every service but that
 * auth-service does not use (such as {@code mail.hostname}) are declared here too, so the mapping
 * can stay strict about unknown keys.
 */
@ConfigMapping(prefix = "mail")
public interface MailConfig {

    /** Logins, passwords and recipient resolution ({@code mail.auth.*}). */
    Auth auth();

    /** The admin REST API ({@code mail.admin.*}). */
    Admin admin();

    /**
     * The name this mail system greets with. Shared by every service; auth-service does not use it.
     */
    @WithDefault("localhost")
    String hostname();

    /** {@code mail.auth.*}. */
    interface Auth {

        /** How new password hashes are computed; existing hashes carry their own parameters. */
        Argon2 argon2();

        /**
         * Separates the local part from the sub-address detail: {@code alice+news@example.org}
         * reaches {@code alice@example.org} with detail {@code news}. Only the first occurrence counts.
         */
        @WithDefault("+")
        String subAddressSeparator();

        /** Remembered successful password checks ({@code mail.auth.credentials-cache.*}). */
        CredentialsCache credentialsCache();

        /** Shortest password the admin API accepts (strength rules come later). */
        @WithDefault("8")
        int minPasswordLength();

        /** The relay of the account-event outbox to Kafka ({@code mail.auth.outbox.*}). */
        Outbox outbox();

        /** DKIM keys made for hosted domains ({@code mail.auth.dkim.*}). */
        Dkim dkim();
    }

    /** {@code mail.auth.dkim.*}: how a domain's signing key is made (once; an existing key is kept). */
    interface Dkim {
        /** {@code rsa-sha256} (2048 bits; every verifier knows it) or {@code ed25519-sha256} (RFC 8463). */
        @WithDefault("rsa-sha256")
        String algorithm();

        /** The selector is this followed by the key's creation date, e.g. {@code mail20261203}. */
        @WithDefault("mail")
        String selectorPrefix();
    }

    /** {@code mail.auth.outbox.*}: how committed account events reach {@code mail.account.v1}. */
    interface Outbox {

        /** Events published per relay run (one transaction). */
        @WithDefault("200")
        int batchSize();

        /**
         * How often the relay looks for events besides right after each change: what picks up events a
         * failed run (Kafka down) or another instance left behind.
         */
        @WithDefault("1s")
        java.time.Duration interval();

        /** How long a run waits for Kafka to acknowledge its events before it rolls back to retry. */
        @WithDefault("30s")
        java.time.Duration ackTimeout();
    }

    /**
     * Argon2id cost for new hashes. The defaults are the OWASP Password Storage Cheat Sheet minimum
     * (m=19 MiB, t=2, p=1); raising them later does not invalidate stored hashes, because every PHC
     * string carries the parameters it was computed with.
     */
    interface Argon2 {

        /** Memory in KiB ({@code m}). */
        @WithDefault("19456")
        int memoryKib();

        /** Passes over the memory ({@code t}). */
        @WithDefault("2")
        int iterations();

        /** Lanes ({@code p}). */
        @WithDefault("1")
        int parallelism();

        /**
         * How many hashes are computed at once; further logins wait their turn. Each one holds
         * {@code memory-kib} of heap, so this bounds the memory a burst of logins can take.
         * 0 means one per available processor.
         */
        @WithDefault("0")
        int maxConcurrent();

        /**
         * How many hash computations may wait for one of those threads. A login beyond that is
         * answered as a temporary failure at once (IMAP {@code NO [UNAVAILABLE]}, POP3
         * {@code -ERR [SYS/TEMP]}) instead of queueing without bound under a flood of logins.
         */
        @WithDefault("64")
        int maxQueued();

        /**
         * Quiet time after a burst of hash computations before one full garbage collection gives
         * their memory back to the system (each computation leaves {@code memory-kib} of garbage in
         * the old generation, which a quiet service would otherwise keep). 0 never does.
         */
        @WithDefault("5S")
        java.time.Duration releaseMemoryAfter();
    }

    /**
     * {@code mail.auth.credentials-cache.*}: a client that logs in again with the password it used a
     * moment ago is not made to pay Argon2 again (as Dovecot's auth cache). Only successes are kept,
     * keyed by a keyed hash of the stored password hash and the secret: a wrong password always pays
     * the full cost, and a password change makes the old entries unreachable at once, in every
     * instance, because the stored hash they were keyed by is gone.
     */
    interface CredentialsCache {

        /** How long a verified password is remembered; 0 turns the cache off. */
        @WithDefault("10m")
        java.time.Duration ttl();

        /** Entries kept at most (about 150 bytes each); the oldest go first. */
        @WithDefault("10000")
        int maxEntries();
    }

    /** {@code mail.admin.*}. */
    interface Admin {

        /**
         * Bearer token of the admin REST API. Deliberately without a default: when unset, every
         * admin request is refused with 401 and a warning is logged at startup.
         */
        Optional<String> token();
    }
}
