package io.mailserver.smtp.mailauth;

import io.mailserver.smtp.client.SigningKeys;
import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.mailauth.dkim.DkimSigner;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Signs submitted mail with the DKIM key of the envelope sender's domain, which the submission policy
 * has already checked the account owns. Never the From field's domain: on a server hosting several
 * domains that would let one tenant's user sign as another. Hashing a large message is work, so it
 * runs on a small pool of its own, like the inbound checks.
 */
@ApplicationScoped
public class SubmissionSigner {

    private static final Logger LOG = Logger.getLogger(SubmissionSigner.class);

    private final SigningKeys keys;
    private final DkimSigner signer = new DkimSigner(Clock.systemUTC());
    private final boolean enabled;
    private final BlockingPool pool = new BlockingPool("dkim-signer", 2);

    public SubmissionSigner(SigningKeys keys, MailConfig config) {
        this.keys = keys;
        this.enabled = config.smtp().submission().dkimSign();
    }

    /**
     * The DKIM-Signature field (CRLF included) to put on top of the message, or empty when signing is
     * off, the sender is {@code <>}, its domain has no key, or signing failed (the message then goes
     * unsigned rather than not at all).
     */
    public Uni<Optional<Buffer>> sign(String mailFrom, List<Buffer> content, long length) {
        int at = mailFrom.lastIndexOf('@');
        if (!enabled || at < 0) {
            return Uni.createFrom().item(Optional.empty());
        }
        return keys.keyFor(mailFrom.substring(at + 1)).flatMap(key -> key.isEmpty()
                        ? Uni.createFrom().item(Optional.<Buffer>empty())
                        : pool.run(() -> Optional.of(Buffer.buffer(
                                signer.sign(key.get(), MessageBytes.of(content, length)).getBytes(StandardCharsets.US_ASCII)))))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("DKIM signing failed (%s): sending unsigned", failure.toString());
                    return Optional.empty();
                });
    }

    void stop(@Observes ShutdownEvent event) {
        pool.close();
    }
}
