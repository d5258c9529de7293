package io.mailserver.smtp.mailauth;

import io.mailserver.smtp.client.SigningKeys;
import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.mailauth.dkim.ArcSealer;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Seals mail this server forwards to another domain with an ARC set (RFC 8617 §5.1), signed with the
 * DKIM key of the domain that forwards it (the alias's), so the destination can see what this
 * server found before forwarding broke SPF (and perhaps DKIM). Hashing runs on a small pool of its
 * own, like the inbound checks and submission signing.
 */
@ApplicationScoped
public class ForwardingSealer {

    private static final Logger LOG = Logger.getLogger(ForwardingSealer.class);

    private final SigningKeys keys;
    private final ArcSealer sealer = new ArcSealer(Clock.systemUTC());
    private final boolean enabled;
    private final String hostname;
    private final java.time.Duration timeLimit;
    private final BlockingPool pool = new BlockingPool("arc-sealer", 2);

    public ForwardingSealer(SigningKeys keys, MailConfig config) {
        this.keys = keys;
        this.enabled = config.smtp().forwarding().arcSeal();
        this.hostname = config.hostname();
        this.timeLimit = config.smtp().mx().authentication().timeLimit();
    }

    /**
     * The ARC set (ASCII, CRLFs included) to put on top of the forwarded copy, or empty: sealing is
     * off, the checks did not finish, the domain has no key, the chain must not be extended (its last
     * seal failed, or it is full), or sealing failed; the copy then goes unsealed rather than not at all.
     */
    public Uni<Optional<byte[]>> seal(Optional<InboundVerifier.Sealable> sealable, String forwardingDomain) {
        if (!enabled || sealable.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        InboundVerifier.Sealable message = sealable.get();
        return keys.keyFor(forwardingDomain).flatMap(key -> key.isEmpty()
                        ? Uni.createFrom().item(Optional.<byte[]>empty())
                        // bounded like the checks: a queue of large messages waits at most this long, then goes unsealed
                        : pool.run(() -> sealer.seal(message.header(), message.body(), message.chain(), hostname,
                                        String.join("; ", message.results()), key.get())
                                .map(set -> set.getBytes(StandardCharsets.US_ASCII)), timeLimit, Optional::<byte[]>empty))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("ARC sealing failed (%s): forwarding unsealed", failure.toString());
                    return Optional.empty();
                });
    }

    void stop(@Observes ShutdownEvent event) {
        pool.close();
    }
}
