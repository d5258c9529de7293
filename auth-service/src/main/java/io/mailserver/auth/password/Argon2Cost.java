package io.mailserver.auth.password;

/**
 * The tunable cost of one Argon2id computation (RFC 9106 §3.1).
 *
 * @param memoryKib   memory size {@code m} in KiB; at least {@code 8 * parallelism}
 * @param iterations  number of passes {@code t}
 * @param parallelism degree of parallelism {@code p}
 */
public record Argon2Cost(int memoryKib, int iterations, int parallelism) {

    /**
     * Upper bounds for costs read back from stored hashes: a damaged or hostile PHC string must not
     * make one login allocate gigabytes or spin for minutes.
     */
    static final int MAX_MEMORY_KIB = 1 << 20;
    static final int MAX_ITERATIONS = 64;
    static final int MAX_PARALLELISM = 64;

    public Argon2Cost {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("argon2 parallelism must be 1.." + MAX_PARALLELISM);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("argon2 iterations must be 1.." + MAX_ITERATIONS);
        }
        if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("argon2 memory must be 8*p.." + MAX_MEMORY_KIB + " KiB");
        }
    }
}
