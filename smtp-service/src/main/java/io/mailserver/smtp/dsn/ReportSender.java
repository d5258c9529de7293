package io.mailserver.smtp.dsn;

import io.mailserver.smtp.client.AuthClient;
import io.mailserver.smtp.client.DeliveryClient;
import io.mailserver.smtp.client.InboundMessage;
import io.mailserver.smtp.client.RecipientResolution;
import io.mailserver.smtp.forward.Forwarding;
import io.mailserver.smtp.mailauth.MessageBytes;
import io.mailserver.smtp.outbound.Routes;
import io.mailserver.smtp.outbound.tls.TlsRequirement;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends a {@link DeliveryReport} to the sender it is about: into the sender's mailbox when the
 * address is hosted here, else through the outbound queue, from the null reverse-path. A sender that
 * is an SRS address of ours (mail an alias forwarded) stands for the real sender, who gets the report. Storage
 * deduplicates by the delivery id, so a caller that retries (a worker killed after sending, a
 * second worker repeating the attempt) sends one report, not two.
 */
@ApplicationScoped
public class ReportSender {

    private final AuthClient auth;
    private final DeliveryClient delivery;
    private final Routes routes;
    private final Forwarding forwarding;

    public ReportSender(AuthClient auth, DeliveryClient delivery, Routes routes, Forwarding forwarding) {
        this.auth = auth;
        this.delivery = delivery;
        this.routes = routes;
        this.forwarding = forwarding;
    }

    /**
     * False when there is nowhere to send the report (the sender's domain cannot be reached).
     *
     * @param utf8 the report is about a message that needed SMTPUTF8 (it quotes UTF-8 addresses or
     *             header fields, RFC 6533), so it needs it too
     */
    public Uni<Boolean> send(String deliveryId, String sender, byte[] report, ZonedDateTime now, boolean utf8) {
        return auth.resolveRecipient(sender).flatMap(found -> {
            Optional<String> srsTarget = found instanceof RecipientResolution.UnknownLocal
                    ? forwarding.bounceTarget(sender) : Optional.empty();
            // the sender an SRS address stands for is another server's: it is not resolved again here
            RecipientResolution resolution = srsTarget.isPresent() ? RecipientResolution.NotLocal.INSTANCE : found;
            String to = srsTarget.orElse(sender);
            List<InboundMessage.Recipient> local = new ArrayList<>();
            List<InboundMessage.Outbound> outbound = new ArrayList<>();
            if (resolution instanceof RecipientResolution.Local l && !l.accountIds().isEmpty()) {
                // a report is for the sender's own mailbox, never forwarded on by an alias
                l.accountIds().forEach(id -> local.add(new InboundMessage.Recipient(id, to)));
            } else if (resolution instanceof RecipientResolution.NotLocal
                    && routes.reachable(to.substring(to.lastIndexOf('@') + 1))) {
                // RFC 3461 §6.2: a report asks for no report of its own
                outbound.add(new InboundMessage.Outbound(to, Notify.NEVER, ""));
            } else {
                return Uni.createFrom().item(false);
            }
            // a report returning an 8-bit original is 8-bit itself
            InboundMessage message = new InboundMessage(deliveryId, "", local, outbound, report.length, now, 0L, "", Ret.HDRS, utf8,
                    MessageBytes.eightBit(report), TlsRequirement.DEFAULT);
            return delivery.deliver(message, List.of(Buffer.buffer(report))).map(stored -> true);
        });
    }
}
