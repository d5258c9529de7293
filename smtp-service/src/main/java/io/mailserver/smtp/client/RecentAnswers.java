package io.mailserver.smtp.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A peer's answers kept for a short time, so that a sender delivering message after message to the
 * same address does not ask the peer the same question each time (Dovecot's auth cache does this
 * for its user lookups, for an hour by default). Only answers that are safe to repeat for
 * {@code ttl} are put here; the caller decides which.
 *
 * <p>Bounded: when {@code maxEntries} answers are held, the next one first drops them all. That is
 * cruder than least-recently-used, but it never lets a flood of distinct addresses grow the map,
 * and for the steady traffic a cache is for, it only costs one round of asking again.
 */
final class RecentAnswers<K, V> {

    private record Kept<V>(V value, long expiresAt) {
    }

    /** Longer TTLs are cut to this: {@link Duration#toNanos} overflows past 292 years. */
    private static final Duration LONGEST = Duration.ofDays(365);

    private final ConcurrentHashMap<K, Kept<V>> kept = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;

    RecentAnswers(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, System::nanoTime);
    }

    RecentAnswers(Duration ttl, int maxEntries, LongSupplier nanoClock) {
        this.ttlNanos = ttl.compareTo(LONGEST) > 0 ? LONGEST.toNanos() : ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /** Whether anything is kept at all: a zero TTL or size turns the cache off. */
    private boolean enabled() {
        return ttlNanos > 0 && maxEntries > 0;
    }

    /** The answer kept for {@code key}, unless there is none or it is older than the TTL. */
    Optional<V> get(K key) {
        Kept<V> found = kept.get(key);
        if (found == null) {
            return Optional.empty();
        }
        if (nanoClock.getAsLong() - found.expiresAt() >= 0) {
            kept.remove(key, found);
            return Optional.empty();
        }
        return Optional.of(found.value());
    }

    void put(K key, V value) {
        if (!enabled()) {
            return;
        }
        if (kept.size() >= maxEntries) {
            kept.clear();
        }
        kept.put(key, new Kept<>(value, nanoClock.getAsLong() + ttlNanos));
    }

    /** For tests: how many answers are held, expired or not. */
    int size() {
        return kept.size();
    }
}
