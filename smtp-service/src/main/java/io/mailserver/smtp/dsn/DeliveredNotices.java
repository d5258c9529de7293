package io.mailserver.smtp.dsn;

import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.mailauth.MessageBytes;
import io.mailserver.smtp.metrics.SmtpMetrics;
import io.mailserver.smtp.session.AcceptedRecipient;
import io.mailserver.smtp.session.SmtpState;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * "Delivered" notices (RFC 3461 §6.2.1, RFC 3464 Action: delivered) for recipients hosted here whose
 * RCPT asked NOTIFY=SUCCESS: sent once the message is stored, with its header section. The message
 * is delivered whether or not the notice can be sent, so a failure here is logged, not answered.
 */
@ApplicationScoped
public class DeliveredNotices {

    private static final Logger LOG = Logger.getLogger(DeliveredNotices.class);
    /** The header section of the original is looked for within this many octets. */

    private final ReportSender sender;
    private final SmtpMetrics metrics;
    private final String hostname;

    public DeliveredNotices(ReportSender sender, SmtpMetrics metrics, MailConfig config) {
        this.sender = sender;
        this.metrics = metrics;
        this.hostname = config.hostname();
    }

    /**
     * @param stored the message as stored (our trace fields first), whose header section the notice returns
     * @param utf8   the message needed SMTPUTF8, and so does a notice quoting it
     */
    public Uni<Void> send(SmtpState.MailTransaction transaction, List<Buffer> stored, ZonedDateTime arrival, boolean utf8) {
        // the message is stored: nothing here, not even a fault building the report, may turn the 250 into an error
        return Uni.createFrom().deferred(() -> notice(transaction, stored, arrival, utf8))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("delivery %s: success notice to the sender not sent (%s)", transaction.id(), failure.toString());
                    return null;
                });
    }

    private Uni<Void> notice(SmtpState.MailTransaction transaction, List<Buffer> stored, ZonedDateTime arrival, boolean utf8) {
        List<DeliveryReport.Recipient> delivered = transaction.recipients().stream()
                .filter(r -> r.localOnly() && r.parameters().dsnNotify().wantsSuccess())
                .map(DeliveredNotices::delivered)
                .distinct()
                .toList();
        if (delivered.isEmpty() || transaction.sender().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String from = transaction.sender().get().toString();
        ZonedDateTime now = ZonedDateTime.now();
        byte[] report = DeliveryReport.build(hostname, new DeliveryReport.Envelope(from, transaction.parameters().envid(),
                arrival, true), now, delivered, head(stored));
        return sender.send(transaction.id() + "-dsn", from, report, now, utf8)
                .invoke(sent -> metrics.report(sent ? "queued" : "undeliverable"))
                .replaceWithVoid();
    }

    private static DeliveryReport.Recipient delivered(AcceptedRecipient r) {
        return new DeliveryReport.Recipient(r.address().toString(),
                r.parameters().originalRecipient().map(OriginalRecipient::parameter).orElse(""),
                DeliveryReport.Action.DELIVERED, "2.0.0", "", null);
    }

    private static byte[] head(List<Buffer> stored) {
        // one octet past the limit: headerSection then cuts at a field boundary
        return DeliveryReport.headerSection(MessageBytes.of(stored, DeliveryReport.HEADER_LIMIT + 1));
    }
}
