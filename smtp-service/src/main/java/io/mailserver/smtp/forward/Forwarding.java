package io.mailserver.smtp.forward;

import io.mailserver.smtp.client.InboundMessage;
import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.mailauth.ForwardingSealer;
import io.mailserver.smtp.mailauth.InboundVerifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What forwarding mail from another server to another domain changes: the copy leaves from an SRS
 * address at the forwarding domain (so the destination's SPF check sees a domain that authorizes this
 * server, and a bounce comes back here to be routed to the real sender) under an ARC set recording
 * what this server found; and a bounce to such an address goes to the sender it stands for.
 */
@ApplicationScoped
public class Forwarding {

    private static final Logger LOG = Logger.getLogger(Forwarding.class);

    private final Optional<Srs> srs;
    private final ForwardingSealer sealer;

    @Inject
    public Forwarding(MailConfig config, ForwardingSealer sealer) {
        this(config.smtp().forwarding(), sealer, Clock.systemUTC());
    }

    Forwarding(MailConfig.Forwarding config, ForwardingSealer sealer, Clock clock) {
        this.sealer = sealer;
        List<String> secrets = config.srsSecrets().orElse(List.of()).stream().filter(s -> !s.isBlank()).toList();
        if (secrets.isEmpty()) {
            LOG.warn("mail.smtp.forwarding.srs-secrets is not set: forwarded mail keeps its sender (SPF fails at the "
                    + "destination) and bounces to SRS addresses are refused");
            this.srs = Optional.empty();
        } else {
            try {
                this.srs = Optional.of(new Srs(secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList(),
                        config.srsMaxAge(), clock));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mail.smtp.forwarding: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The queued copy of mail from another server that {@code forwardingDomain} forwards: from the SRS
     * form of {@code mailFrom}, under an ARC set when the checks allow one. A bounce ({@code <>}) gets
     * neither: it stays {@code <>}, and a seal of ours would only lend our name to whatever it carries.
     */
    public Uni<InboundMessage.ForwardedCopy> copy(String mailFrom, String forwardingDomain,
            Optional<InboundVerifier.Sealable> sealable) {
        if (mailFrom.isEmpty()) {
            return Uni.createFrom().item(InboundMessage.ForwardedCopy.AS_RECEIVED);
        }
        String sender = srs.map(s -> s.forward(mailFrom, forwardingDomain)).orElse(mailFrom);
        return sealer.seal(sealable, forwardingDomain)
                .map(set -> new InboundMessage.ForwardedCopy(sender, set.orElse(new byte[0])));
    }

    /**
     * Where a bounce to {@code address} goes when it is an SRS address this server made (hash right, not
     * older than {@code mail.smtp.forwarding.srs-max-age}): the sender it stands for. Empty otherwise.
     */
    public Optional<String> bounceTarget(String address) {
        return srs.flatMap(s -> s.reverse(address));
    }
}
