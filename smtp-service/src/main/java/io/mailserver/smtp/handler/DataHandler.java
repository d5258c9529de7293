package io.mailserver.smtp.handler;

import io.mailserver.smtp.client.DeliveryClient;
import io.mailserver.smtp.client.InboundMessage;
import io.mailserver.smtp.client.MessageTooLargeException;
import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.metrics.SmtpMetrics;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.AcceptedRecipient;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.Login;
import io.mailserver.smtp.session.MessageContent;
import io.mailserver.smtp.session.SmtpState;
import io.mailserver.smtp.session.Truncation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * DATA (RFC 5321 §4.1.1.4): the command itself, answered 354, and the end of the data, answered only
 * after storage-service has committed the message (RFC 5321 §6.1: once 250 is sent, the message
 * must not be lost). Any storage failure is a 451 (the client keeps the message and retries), except
 * storage refusing the size, which no retry can cure: 552. A message this instance had no memory left
 * to hold is a 452 (RFC 5321 §4.2.2 "insufficient system storage").
 */
@ApplicationScoped
public class DataHandler implements CommandHandler<SmtpCommand.Data> {

    private static final Logger LOG = Logger.getLogger(DataHandler.class);

    private final DeliveryClient delivery;
    private final SmtpMetrics metrics;
    private final String hostname;

    public DataHandler(DeliveryClient delivery, SmtpMetrics metrics, MailConfig config) {
        this.delivery = delivery;
        this.metrics = metrics;
        this.hostname = config.hostname();
    }

    @Override
    public Set<Class<? extends SmtpCommand>> commands() {
        return Set.of(SmtpCommand.Data.class);
    }

    @Override
    public boolean accepts(SmtpState state, ConnectionInfo connection) {
        return state instanceof SmtpState.MailTransaction t && !t.recipients().isEmpty() && !t.chunking();
    }

    @Override
    public SmtpReply outOfSequence(SmtpState state, ConnectionInfo connection) {
        if (state instanceof SmtpState.MailTransaction t && t.chunking()) {
            // RFC 3030 §2: one transaction uses DATA or BDAT, never both.
            return SmtpReply.of(503, "5.5.1", "DATA not permitted after BDAT");
        }
        if (state instanceof SmtpState.MailTransaction) {
            return SmtpReply.of(503, "5.5.1", "No valid recipients");
        }
        return state instanceof SmtpState.Greeted
                ? SmtpReply.of(503, "5.5.1", "Need MAIL command")
                : CommandHandler.needGreeting();
    }

    @Override
    public Uni<Outcome> handle(SmtpCommand.Data command, SmtpState state, ConnectionInfo connection) {
        SmtpState next = ((SmtpState.MailTransaction) state).startData();
        return Uni.createFrom().item(Outcome.of(next, SmtpReply.plain(354, "End data with <CR><LF>.<CR><LF>")));
    }

    /**
     * The data ended.
     *
     * @param content    the message as received, dot-unstuffed; incomplete unless {@code truncation} is NONE
     * @param truncation whether the message was kept whole, and why not
     */
    public Uni<Outcome> complete(SmtpState.ReceivingData state, MessageContent content, Truncation truncation,
            ConnectionInfo connection) {
        SmtpState.MailTransaction transaction = state.transaction();
        SmtpState done = state.finish();
        switch (truncation) {
            case SIZE_LIMIT -> {
                metrics.delivery(SmtpMetrics.Delivery.REJECTED);
                return Uni.createFrom().item(Outcome.of(done,
                        SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size")));
            }
            case MEMORY -> {
                LOG.warnf("delivery %s dropped: mail.smtp.limits.message-memory is exhausted", transaction.id());
                metrics.delivery(SmtpMetrics.Delivery.TEMP_FAILED);
                return Uni.createFrom().item(Outcome.of(done,
                        SmtpReply.of(452, "4.3.1", "Insufficient system storage, try again later")));
            }
            case BARE_LINE_ENDINGS -> {
                metrics.delivery(SmtpMetrics.Delivery.REJECTED);
                return Uni.createFrom().item(Outcome.of(done,
                        SmtpReply.of(550, "5.5.2", "Bare CR or LF in message data; lines must end with CRLF (RFC 5321 2.3.8)")));
            }
            case NONE -> {
            }
        }
        ZonedDateTime now = ZonedDateTime.now();
        // storage adds the Return-Path of final delivery (RFC 5321 4.4) to the local copies
        byte[] received = receivedHeader(transaction, connection, now).bytes();
        InboundMessage message = new InboundMessage(transaction.id(),
                transaction.sender().map(Object::toString).orElse(""), recipients(transaction.recipients()),
                transaction.recipients().stream().filter(AcceptedRecipient::isRemote).map(r -> r.address().toString())
                        .distinct().toList(),
                (long) received.length + content.length(), now, transaction.login().map(Login::accountId).orElse(0L));
        List<Buffer> parts = new ArrayList<>();
        parts.add(Buffer.buffer(received));
        parts.addAll(content.blocks());
        return delivery.deliver(message, parts)
                .map(stored -> accepted(done, transaction, stored))
                .onFailure(MessageTooLargeException.class).recoverWithItem(failure -> {
                    // Storage's own ceiling: retrying cannot help, so the answer is permanent.
                    metrics.delivery(SmtpMetrics.Delivery.REJECTED);
                    return Outcome.of(done, SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size"));
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("delivery %s not stored (%s): %s", transaction.id(), failure.getClass().getSimpleName(),
                            failure.getMessage());
                    metrics.delivery(SmtpMetrics.Delivery.TEMP_FAILED);
                    return Outcome.of(done, SmtpReply.of(451, "4.3.0", "Temporary failure storing the message, try again later"));
                });
    }

    private Outcome accepted(SmtpState done, SmtpState.MailTransaction transaction, int stored) {
        LOG.debugf("delivery %s stored for %d mailboxes", transaction.id(), stored);
        metrics.delivery(SmtpMetrics.Delivery.ACCEPTED);
        return Outcome.of(done, SmtpReply.of(250, "2.0.0", "Ok: queued as " + transaction.id()));
    }

    ReceivedHeader receivedHeader(SmtpState.MailTransaction transaction, ConnectionInfo connection, ZonedDateTime now) {
        Optional<String> single = transaction.recipients().size() == 1
                ? Optional.of(transaction.recipients().get(0).address().toString())
                : Optional.empty();
        return new ReceivedHeader(transaction.hello().clientName(), connection.remoteHost(), connection.remoteIp(),
                hostname, ReceivedHeader.protocol(transaction.hello().extended(), connection.tlsActive(),
                        transaction.login().isPresent()),
                transaction.id(), single, now);
    }

    /** One storage recipient per account: an account reached twice (directly and by an alias) gets one copy. */
    static List<InboundMessage.Recipient> recipients(List<AcceptedRecipient> accepted) {
        Map<Long, InboundMessage.Recipient> byAccount = new LinkedHashMap<>();
        for (AcceptedRecipient recipient : accepted) {
            for (Long accountId : recipient.accountIds()) {
                byAccount.putIfAbsent(accountId, new InboundMessage.Recipient(accountId, recipient.address().toString()));
            }
        }
        return List.copyOf(byAccount.values());
    }
}
