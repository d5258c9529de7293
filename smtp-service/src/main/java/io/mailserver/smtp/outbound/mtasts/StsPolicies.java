package io.mailserver.smtp.outbound.mtasts;

import io.mailserver.smtp.mailauth.DnsAnswer;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Instant;
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
 * them); with nothing cached, they mean no policy. Bounded: the least recently used domain goes first.
 */
public final class StsPolicies {

    private static final Logger LOG = Logger.getLogger(StsPolicies.class);

    private record Cached(String id, StsPolicy policy, Instant expires) {
    }

    private final StsLookups lookups;
    private final Clock clock;
    private final Map<String, Cached> cache;

    public StsPolicies(StsLookups lookups, Clock clock, int capacity) {
        this.lookups = lookups;
        this.clock = clock;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > Math.max(1, capacity);
            }
        };
    }

    /** The policy mail to {@code domain} must follow; empty for none (or one in mode none). Never fails. */
    public Uni<Optional<StsPolicy>> policy(String domain) {
        String key = domain.toLowerCase(Locale.ROOT);
        return lookups.records(key)
                .flatMap(answer -> {
                    Optional<Cached> cached = cached(key);
                    Optional<StsRecord> record = answer instanceof DnsAnswer.Records<String> found
                            ? StsRecord.of(found.values()) : Optional.empty();
                    if (record.isEmpty()) {
                        return Uni.createFrom().item(cached.map(Cached::policy));
                    }
                    String id = record.get().id();
                    if (cached.isPresent() && cached.get().id().equals(id)) {
                        return Uni.createFrom().item(cached.map(Cached::policy));
                    }
                    return fetch(key, id).map(fetched -> fetched.or(() -> cached.map(Cached::policy)));
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("MTA-STS for %s: %s", key, failure.toString());
                    return cached(key).map(Cached::policy);
                })
                .map(policy -> policy.filter(p -> p.mode() != StsPolicy.Mode.NONE));
    }

    private Uni<Optional<StsPolicy>> fetch(String domain, String id) {
        return lookups.policy(domain).map(body -> {
            try {
                StsPolicy policy = StsPolicy.parse(body);
                synchronized (cache) {
                    cache.put(domain, new Cached(id, policy, clock.instant().plus(policy.maxAge())));
                }
                LOG.debugf("MTA-STS policy of %s (id %s): %s", domain, id, policy);
                return Optional.of(policy);
            } catch (StsPolicy.InvalidPolicy e) {
                LOG.infof("MTA-STS policy of %s is invalid: %s", domain, e.getMessage());
                return Optional.<StsPolicy>empty();
            }
        }).onFailure().recoverWithItem(failure -> {
            LOG.infof("MTA-STS policy of %s could not be fetched: %s", domain, failure.getMessage());
            return Optional.empty();
        });
    }

    private Optional<Cached> cached(String domain) {
        synchronized (cache) {
            Cached cached = cache.get(domain);
            if (cached != null && !clock.instant().isBefore(cached.expires())) {
                cache.remove(domain);
                return Optional.empty();
            }
            return Optional.ofNullable(cached);
        }
    }
}
