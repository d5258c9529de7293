package io.mailserver.auth.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) password hashing with BouncyCastle. Pure computation, deliberately slow and
 * memory-hungry: callers must run it on a worker thread, never on an event loop.
 */
public final class Argon2idHasher {

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private final Argon2Cost cost;
    private final SecureRandom random;

    /** @param cost parameters of new hashes; verification uses those stored with each hash */
    public Argon2idHasher(Argon2Cost cost) {
        this(cost, new SecureRandom());
    }

    Argon2idHasher(Argon2Cost cost, SecureRandom random) {
        this.cost = cost;
        this.random = random;
    }

    public Argon2Cost cost() {
        return cost;
    }

    /** A new hash of {@code password} with a fresh random salt, as a PHC string. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PhcHash(cost, salt, derive(password, cost, salt, HASH_BYTES)).format();
    }

    /**
     * Whether {@code password} matches {@code phc}, computed with the parameters stored in
     * {@code phc} and compared in constant time. A malformed stored hash matches nothing.
     */
    public boolean verify(String phc, String password) {
        PhcHash stored;
        try {
            stored = PhcHash.parse(phc);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = stored.hash();
        byte[] actual = derive(password, stored.cost(), stored.salt(), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Whether {@code phc} was computed with other parameters than new hashes get (so worth re-hashing). */
    public boolean isOutdated(String phc) {
        try {
            return !PhcHash.parse(phc).cost().equals(cost);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static byte[] derive(String password, Argon2Cost cost, byte[] salt, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKib())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        try {
            generator.generateBytes(secret, out);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        return out;
    }
}
