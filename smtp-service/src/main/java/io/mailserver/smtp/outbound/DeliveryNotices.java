package io.mailserver.smtp.outbound;

import io.mailserver.smtp.client.AttemptOutcome;
import io.mailserver.smtp.client.QueueClient;
import io.mailserver.smtp.client.QueuedEntry;
import io.mailserver.smtp.command.MailAddress;
import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.dsn.DeliveryReport;
import io.mailserver.smtp.dsn.ReportSender;
import io.mailserver.smtp.metrics.SmtpMetrics;
import io.mailserver.smtp.outbound.tls.TlsRequirement;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What the sender hears of one attempt at a queued entry, as its recipients' NOTIFY asked (RFC 3461
 * §4.1): the recipients that failed for good, a one-time warning for those still waiting after
 * {@code delay-warning-after}, and "relayed" for those delivered to a server that will not report
 * success itself. All of one attempt go in one report.
 *
 * <p>The report is queued before the attempt's outcomes are recorded, under a delivery id made of
 * the entry and its attempt count: a worker killed in between leaves the entry to another, whose
 * report storage recognizes as the same. A failure that cannot be reported is not final: those
 * recipients stay queued, so no failure goes unreported.
 */
@ApplicationScoped
public class DeliveryNotices {

    private static final Logger LOG = Logger.getLogger(DeliveryNotices.class);

    /** The outcomes to record, and whether a delay warning went out with this attempt. */
    public record Result(List<AttemptOutcome> outcomes, boolean delayWarned) {
    }

    private final QueueClient queue;
    private final ReportSender sender;
    private final SmtpMetrics metrics;
    private final String hostname;
    private final Duration delayWarningAfter;

    public DeliveryNotices(QueueClient queue, ReportSender sender, SmtpMetrics metrics, MailConfig config) {
        this.queue = queue;
        this.sender = sender;
        this.metrics = metrics;
        this.hostname = config.hostname();
        this.delayWarningAfter = config.smtp().delivery().delayWarningAfter();
    }

    public Uni<Result> send(QueuedEntry entry, List<AttemptOutcome> outcomes, String worker) {
        Instant now = Instant.now();
        boolean warnDelay = !entry.delayWarned() && !delayWarningAfter.isZero() && !delayWarningAfter.isNegative()
                && !now.isBefore(entry.queuedAt().plus(delayWarningAfter));
        List<DeliveryReport.Recipient> reported = new ArrayList<>();
        boolean delayReported = false;
        for (AttemptOutcome outcome : outcomes) {
            QueuedEntry.Recipient r = entry.recipients().stream().filter(x -> x.index() == outcome.index())
                    .findFirst().orElseThrow();
            switch (outcome.kind()) {
                case BOUNCED -> {
                    if (r.dsnNotify().wantsFailure()) {
                        String status = outcome.diagnostic().startsWith("delivery time expired") ? "4.4.7"
                                : DeliveryReport.status(outcome.diagnostic(), true);
                        reported.add(DeliveryReport.Recipient.failed(r.address(), r.originalRecipient(), status,
                                outcome.diagnostic()));
                    }
                }
                case DEFERRED -> {
                    if (warnDelay && r.dsnNotify().wantsDelay()) {
                        reported.add(new DeliveryReport.Recipient(r.address(), r.originalRecipient(),
                                DeliveryReport.Action.DELAYED, DeliveryReport.status(outcome.diagnostic(), false),
                                outcome.diagnostic(), entry.expiresAt().atZone(ZoneOffset.UTC)));
                        delayReported = true;
                    }
                }
                case DELIVERED -> {
                    if (r.dsnNotify().wantsSuccess() && !outcome.dsnPassedOn()) {
                        reported.add(new DeliveryReport.Recipient(r.address(), r.originalRecipient(),
                                DeliveryReport.Action.RELAYED, "2.0.0", outcome.diagnostic(), null));
                    }
                }
            }
        }
        // RFC 5321 §4.5.5: nothing is ever sent to the null reverse-path
        if (reported.isEmpty() || entry.mailFrom().isEmpty()) {
            return Uni.createFrom().item(new Result(outcomes, false));
        }
        boolean warned = delayReported;
        return original(entry, worker)
                .flatMap(original -> {
                    ZonedDateTime at = ZonedDateTime.now();
                    byte[] report = DeliveryReport.build(hostname, new DeliveryReport.Envelope(entry.mailFrom(), entry.envid(),
                            entry.queuedAt().atZone(ZoneOffset.UTC), headersOnly(entry)), at, reported, original);
                    return sender.send("dsn-" + entry.entryId() + "-" + entry.attempts(), entry.mailFrom(), report, at,
                            entry.smtputf8() || !MailAddress.isAscii(entry.mailFrom())
                                    || entry.recipients().stream().anyMatch(r -> !MailAddress.isAscii(r.address())));
                })
                .map(sent -> {
                    if (!sent) {
                        LOG.infof("queue entry %d: no way to return a report to its sender", entry.entryId());
                    }
                    metrics.report(sent ? "queued" : "undeliverable");
                    return new Result(outcomes, warned);
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("queue entry %d: report to the sender not queued (%s); failed recipients stay queued",
                            entry.entryId(), failure.toString());
                    return new Result(outcomes.stream().map(o -> o.kind() == AttemptOutcome.Kind.BOUNCED
                            ? new AttemptOutcome(o.index(), AttemptOutcome.Kind.DEFERRED, o.diagnostic()) : o).toList(), false);
                });
    }

    /** The original message, read again from the queue, at most a little over what a report returns whole. */
    private Uni<byte[]> original(QueuedEntry entry, String worker) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return queue.content(entry.entryId(), worker)
                .select().first(chunk -> out.size() <= DeliveryReport.FULL_ORIGINAL_LIMIT)
                .onItem().invoke(chunk -> out.writeBytes(chunk.getBytes()))
                .collect().last()
                .map(ignored -> out.toByteArray());
    }

    /**
     * Whether a report returns only the original's header section: RET=HDRS, and a REQUIRETLS message,
     * whose content must not travel back on a path nobody checked (RFC 8689 §5).
     */
    private static boolean headersOnly(QueuedEntry entry) {
        return entry.returnHeadersOnly() || entry.tlsRequirement() == TlsRequirement.REQUIRED;
    }
}
