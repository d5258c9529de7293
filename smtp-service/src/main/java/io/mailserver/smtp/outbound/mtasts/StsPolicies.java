package io.mailserver.smtp.outbound.mtasts;

import io.mailserver.smtp.mailauth.DnsAnswer;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The MTA-STS policy in force for a domain (RFC 8461 §5), with the policies already fetched kept
 * until their {@code max_age} runs out: the record is asked each time; the policy is fetched again
 * only when the record's id changed. A record that vanished, a DNS failure or a policy that cannot be
 * fetched leaves a cached policy in force (§5: that is what protects against an attacker who strips
 * them); with nothing cached, a domain without a record has no policy, and one whose record or
 * policy could not be read is {@link Answer.Unknown}: mail goes on as without a policy, but a
 * REQUIRETLS message waits. A policy that could not be fetched is not asked for again for
 * {@value #RETRY_FETCH_MINUTES} minutes (a dead policy host would otherwise cost every delivery to the
 * domain a full fetch timeout). Bounded in entries and in the size of the patterns they hold; the
 * least recently used domain goes first.
 */
public final class StsPolicies {

    private static final Logger LOG = Logger.getLogger(StsPolicies.class);
    /** What all cached policies may hold, counted as pattern characters plus a fixed cost per entry. */
    static final long MAX_WEIGHT = 4L * 1024 * 1024;
    static final int RETRY_FETCH_MINUTES = 5;

    /** What is known of a domain's policy. */
    public sealed interface Answer {

        /** A policy in enforce or testing mode. */
        record Policy(StsPolicy policy) implements Answer {
        }

        /** The domain publishes no policy, or withdrew it (mode none). */
        record None() implements Answer {
        }

        /** The record or the policy could not be read now and nothing is cached. */
        record Unknown(String reason) implements Answer {
        }
    }

    private record Cached(String id, StsPolicy policy, Instant expires, long weight) {
    }

    private final StsLookups lookups;
    private final Clock clock;
    private final int capacity;
    private final LinkedHashMap<String, Cached> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long weight;
    /** Domains whose policy fetch failed, and until when it is not tried again; as bounded as the cache. */
    private final LinkedHashMap<String, Instant> failedFetches;

    public StsPolicies(StsLookups lookups, Clock clock, int capacity) {
        this.lookups = lookups;
        this.clock = clock;
        this.capacity = Math.max(1, capacity);
        this.failedFetches = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > StsPolicies.this.capacity;
            }
        };
    }

    /** What mail to {@code domain} must follow. Never fails. */
    public Uni<Answer> policy(String domain) {
        String key = domain.toLowerCase(Locale.ROOT);
        return lookups.records(key)
                .flatMap(answer -> {
                    Optional<Cached> cached = cached(key);
                    if (answer instanceof DnsAnswer.Failure<String> failure) {
                        return Uni.createFrom().item(cached.map(StsPolicies::answer)
                                .orElseGet(() -> new Answer.Unknown("the MTA-STS record could not be looked up (" + failure.reason() + ")")));
                    }
                    Optional<StsRecord> record = answer instanceof DnsAnswer.Records<String> found
                            ? StsRecord.of(found.values()) : Optional.empty();
                    if (record.isEmpty()) {
                        return Uni.createFrom().item(cached.map(StsPolicies::answer).orElseGet(Answer.None::new));
                    }
                    String id = record.get().id();
                    if (cached.isPresent() && cached.get().id().equals(id)) {
                        return Uni.createFrom().item(answer(cached.get()));
                    }
                    Uni<Answer> fetched = fetchPaused(key) ? Uni.createFrom().item(new Answer.Unknown(
                            "the MTA-STS policy could not be fetched lately")) : fetch(key, id);
                    return fetched.map(got -> got instanceof Answer.Unknown && cached.isPresent() ? answer(cached.get()) : got);
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("MTA-STS for %s: %s", key, failure.toString());
                    return cached(key).map(StsPolicies::answer).orElseGet(() -> new Answer.Unknown(failure.getClass().getSimpleName()));
                });
    }

    private static Answer answer(Cached cached) {
        return cached.policy().mode() == StsPolicy.Mode.NONE ? new Answer.None() : new Answer.Policy(cached.policy());
    }

    private Uni<Answer> fetch(String domain, String id) {
        return lookups.policy(domain).map(body -> {
            try {
                StsPolicy policy = StsPolicy.parse(body);
                Cached entry = new Cached(id, policy, clock.instant().plus(policy.maxAge()),
                        256 + policy.mx().stream().mapToLong(String::length).sum());
                store(domain, entry);
                synchronized (failedFetches) {
                    failedFetches.remove(domain);
                }
                LOG.debugf("MTA-STS policy of %s (id %s): %s", domain, id, policy);
                return answer(entry);
            } catch (StsPolicy.InvalidPolicy e) {
                LOG.debugf("MTA-STS policy of %s is invalid: %s", domain, e.getMessage());
                pauseFetches(domain);
                return (Answer) new Answer.Unknown("the MTA-STS policy is invalid");
            }
        }).onFailure().recoverWithItem(failure -> {
            LOG.debugf("MTA-STS policy of %s could not be fetched: %s", domain, failure.getMessage());
            pauseFetches(domain);
            return new Answer.Unknown("the MTA-STS policy could not be fetched");
        });
    }

    private void pauseFetches(String domain) {
        synchronized (failedFetches) {
            failedFetches.put(domain, clock.instant().plus(java.time.Duration.ofMinutes(RETRY_FETCH_MINUTES)));
        }
    }

    private boolean fetchPaused(String domain) {
        synchronized (failedFetches) {
            Instant until = failedFetches.get(domain);
            if (until != null && !clock.instant().isBefore(until)) {
                failedFetches.remove(domain);
                return false;
            }
            return until != null;
        }
    }

    private void store(String domain, Cached entry) {
        synchronized (cache) {
            Cached previous = cache.put(domain, entry);
            weight += entry.weight() - (previous == null ? 0 : previous.weight());
            Iterator<Cached> eldest = cache.values().iterator();
            while ((cache.size() > capacity || weight > MAX_WEIGHT) && eldest.hasNext()) {
                Cached evicted = eldest.next();
                if (evicted == entry) {
                    break;
                }
                weight -= evicted.weight();
                eldest.remove();
            }
        }
    }

    private Optional<Cached> cached(String domain) {
        synchronized (cache) {
            Cached cached = cache.get(domain);
            if (cached != null && !clock.instant().isBefore(cached.expires())) {
                cache.remove(domain);
                weight -= cached.weight();
                return Optional.empty();
            }
            return Optional.ofNullable(cached);
        }
    }

    int size() {
        synchronized (cache) {
            return cache.size();
        }
    }
}
