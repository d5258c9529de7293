package io.mailserver.smtp.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailserver.contracts.auth.v1.GetSigningKeyRequest;
import io.mailserver.contracts.auth.v1.MutinyAuthServiceGrpc.MutinyAuthServiceStub;
import io.mailserver.contracts.auth.v1.SigningKey;
import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.mailauth.dkim.DkimAlgorithm;
import io.mailserver.smtp.mailauth.dkim.DkimKeys;
import io.mailserver.smtp.mailauth.dkim.DkimSigningKey;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The DKIM keys of hosted domains, from auth-service (which makes and keeps them), cached for a few
 * minutes so a busy domain costs one call per period, not one per message.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    private static final Duration KEPT = Duration.ofMinutes(5);
    private static final int MAX_CACHED = 10_000;

    private record Cached(Optional<DkimSigningKey> key, long until) {
    }

    private final MutinyAuthServiceStub stub;
    private final long deadlineMillis;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public SigningKeys(@GrpcClient("auth") MutinyAuthServiceStub stub, MailConfig config) {
        this.stub = stub;
        this.deadlineMillis = config.smtp().timeouts().auth().toMillis();
    }

    /** The key to sign for {@code domain}; empty when it is not hosted here or auth-service cannot say. */
    public Uni<Optional<DkimSigningKey>> keyFor(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        Cached cached = cache.get(name);
        if (cached != null && cached.until() > System.nanoTime()) {
            return Uni.createFrom().item(cached.key());
        }
        return Uni.createFrom()
                .deferred(() -> stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                        .getSigningKey(GetSigningKeyRequest.newBuilder().setDomain(name).build()))
                .map(key -> Optional.of(toKey(key)))
                .invoke(key -> remember(name, key))
                .onFailure().recoverWithItem(failure -> {
                    if (failure instanceof StatusRuntimeException e && e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                        remember(name, Optional.empty());
                    } else {
                        // not cached: the next message asks again
                        LOG.warnf("no DKIM key for %s now (%s): sending unsigned", name, failure.toString());
                    }
                    return Optional.empty();
                });
    }

    private void remember(String domain, Optional<DkimSigningKey> key) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(domain, new Cached(key, System.nanoTime() + KEPT.toNanos()));
    }

    private static DkimSigningKey toKey(SigningKey key) {
        DkimAlgorithm algorithm = DkimAlgorithm.ofTag(key.getAlgorithm())
                .orElseThrow(() -> new IllegalStateException("auth-service sent an unknown DKIM algorithm"));
        try {
            return new DkimSigningKey(key.getDomain(), key.getSelector(), algorithm,
                    DkimKeys.privateKey(algorithm, key.getPrivateKey().toByteArray()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("auth-service sent an unusable DKIM key", e);
        }
    }
}
