package io.mailserver.auth.password;

import java.util.Arrays;
import java.util.Base64;

/**
 * A stored Argon2id password hash in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, salt and hash in base64 without padding),
 * the form reference implementations and other servers (Dovecot, Stalwart) read too.
 */
public final class PhcHash {

    static final String ALGORITHM = "argon2id";
    /** Argon2 version 1.3 (0x13), the only one RFC 9106 specifies. */
    static final int VERSION = 19;

    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final Argon2Cost cost;
    private final byte[] salt;
    private final byte[] hash;

    PhcHash(Argon2Cost cost, byte[] salt, byte[] hash) {
        this.cost = cost;
        this.salt = salt.clone();
        this.hash = hash.clone();
    }

    /**
     * Reads a PHC string.
     *
     * @throws IllegalArgumentException when it is not an Argon2id v19 PHC string with sane parameters
     */
    public static PhcHash parse(String phc) {
        if (phc == null) {
            throw new IllegalArgumentException("no password hash");
        }
        // "$argon2id$v=19$m=..,t=..,p=..$salt$hash" splits into "", algorithm, version, params, salt, hash.
        String[] fields = phc.split("\\$", -1);
        if (fields.length != 6 || !fields[0].isEmpty() || !ALGORITHM.equals(fields[1])) {
            throw new IllegalArgumentException("not an argon2id PHC string");
        }
        if (!("v=" + VERSION).equals(fields[2])) {
            throw new IllegalArgumentException("unsupported argon2 version");
        }
        Integer m = null;
        Integer t = null;
        Integer p = null;
        for (String parameter : fields[3].split(",", -1)) {
            int eq = parameter.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("malformed argon2 parameter");
            }
            int value = parseDecimal(parameter.substring(eq + 1));
            switch (parameter.substring(0, eq)) {
                case "m" -> m = value;
                case "t" -> t = value;
                case "p" -> p = value;
                default -> throw new IllegalArgumentException("unknown argon2 parameter");
            }
        }
        if (m == null || t == null || p == null) {
            throw new IllegalArgumentException("missing argon2 parameter");
        }
        byte[] salt = decode(fields[4]);
        byte[] hash = decode(fields[5]);
        if (salt.length < 8 || hash.length < 16) {
            throw new IllegalArgumentException("argon2 salt or hash too short");
        }
        return new PhcHash(new Argon2Cost(m, t, p), salt, hash);
    }

    private static int parseDecimal(String digits) {
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("malformed argon2 parameter value");
        }
        return Integer.parseInt(digits);
    }

    private static byte[] decode(String base64) {
        if (base64.isEmpty() || base64.indexOf('=') >= 0) {
            throw new IllegalArgumentException("malformed base64 in PHC string");
        }
        try {
            return DECODER.decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed base64 in PHC string");
        }
    }

    public Argon2Cost cost() {
        return cost;
    }

    public byte[] salt() {
        return salt.clone();
    }

    public byte[] hash() {
        return hash.clone();
    }

    /** The PHC string. */
    public String format() {
        return "$" + ALGORITHM + "$v=" + VERSION
                + "$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PhcHash that && cost.equals(that.cost)
                && Arrays.equals(salt, that.salt) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return 31 * cost.hashCode() + Arrays.hashCode(hash);
    }

    /** The parameters only; salt and hash stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "PhcHash[" + cost + "]";
    }
}
