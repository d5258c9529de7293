package io.mailserver.smtp.handler;

import io.mailserver.smtp.client.DeliveryClient;
import io.mailserver.smtp.client.InboundMessage;
import io.mailserver.smtp.dsn.DeliveredNotices;
import io.mailserver.smtp.dsn.Notify;
import io.mailserver.smtp.dsn.OriginalRecipient;
import io.mailserver.smtp.dsn.Ret;
import io.mailserver.smtp.forward.Forwarding;
import io.mailserver.smtp.forward.ForwardingRules;
import io.mailserver.smtp.client.MessageTooLargeException;
import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.mailauth.InboundVerifier;
import io.mailserver.smtp.mailauth.SubmissionSigner;
import io.mailserver.smtp.mailauth.dmarc.Policy;
import io.mailserver.smtp.metrics.SmtpMetrics;
import io.mailserver.smtp.outbound.tls.TlsRequirement;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.AcceptedRecipient;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.Listener;
import io.mailserver.smtp.session.Login;
import io.mailserver.smtp.session.MessageContent;
import io.mailserver.smtp.session.SmtpState;
import io.mailserver.smtp.session.Truncation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
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
    private final InboundVerifier verifier;
    private final SubmissionSigner signer;
    private final MailConfig.Authentication authentication;
    private final DeliveredNotices deliveredNotices;
    private final Forwarding forwarding;
    private final int maxHops;

    public DataHandler(DeliveryClient delivery, SmtpMetrics metrics, MailConfig config, InboundVerifier verifier,
            SubmissionSigner signer, DeliveredNotices deliveredNotices, Forwarding forwarding) {
        this.forwarding = forwarding;
        this.maxHops = config.smtp().limits().hops();
        this.delivery = delivery;
        this.metrics = metrics;
        this.hostname = config.hostname();
        this.verifier = verifier;
        this.signer = signer;
        this.authentication = config.smtp().mx().authentication();
        this.deliveredNotices = deliveredNotices;
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
        if (HopCount.received(content.blocks(), maxHops) >= maxHops) {
            LOG.infof("delivery %s refused: %d or more Received fields, a mail loop", transaction.id(), maxHops);
            metrics.delivery(SmtpMetrics.Delivery.REJECTED);
            return Uni.createFrom().item(Outcome.of(done, SmtpReply.of(554, "5.4.6", "Too many hops: mail loop?")));
        }
        String mailFrom = transaction.sender().map(Object::toString).orElse("");
        if (verifier.enabled() && connection.listener() == Listener.MX && transaction.login().isEmpty()) {
            return verifier.verify(connection.remoteIp(), transaction.hello().clientName(), mailFrom, content.blocks(),
                            content.length())
                    .flatMap(verdict -> deliverChecked(done, transaction, content, connection, verdict));
        }
        if (transaction.login().isPresent()) {
            List<Buffer> blocks = content.blocks();
            // the account's own mail, signed for its domain: forwarded as it is, no SRS, no seal
            return signer.sign(mailFrom, blocks, content.length())
                    .flatMap(signature -> deliver(done, transaction, transaction.recipients(), connection,
                            signature.map(List::of).orElse(List.of()), blocks, content.length(), "", true,
                            InboundMessage.ForwardedCopy.AS_RECEIVED));
        }
        // unchecked mail from another server: its sender is not known to be real, so no notices to it;
        // forwarded as it came (an SRS sender would lend our SPF to a From nobody checked), unsealed
        return deliver(done, transaction, transaction.recipients(), connection, List.of(), content.blocks(),
                content.length(), "", false, InboundMessage.ForwardedCopy.AS_RECEIVED);
    }

    /**
     * The queued copy of checked mail from another server: as received unless an alias forwards it (or
     * it is a bounce to an SRS address), then from an SRS sender under an ARC set, in the first
     * forwarding recipient's domain. As received, too, when the checks did not get as far as the
     * author: without it, no one knows whether an SRS sender would align with a forged From.
     */
    private Uni<InboundMessage.ForwardedCopy> forwardedCopy(SmtpState.MailTransaction transaction,
            List<AcceptedRecipient> recipients, InboundVerifier.Verdict verdict) {
        return recipients.stream().filter(AcceptedRecipient::forwarded).findFirst()
                .filter(first -> verdict.headerFrom() != null)
                .map(first -> forwarding.copy(transaction.sender().map(Object::toString).orElse(""),
                        first.address().domain(), verdict.sealable()))
                .orElseGet(() -> Uni.createFrom().item(InboundMessage.ForwardedCopy.AS_RECEIVED));
    }

    /** Mail from another server, checked: refused, filed as junk, or delivered with the results on top. */
    private Uni<Outcome> deliverChecked(SmtpState done, SmtpState.MailTransaction transaction, MessageContent content,
            ConnectionInfo connection, InboundVerifier.Verdict verdict) {
        Policy asked = verdict.disposition();
        MailConfig.DmarcAction action = authentication.dmarcAction();
        if (asked == Policy.REJECT && action == MailConfig.DmarcAction.ENFORCE) {
            LOG.infof("delivery %s refused: DMARC policy reject", transaction.id());
            metrics.delivery(SmtpMetrics.Delivery.REJECTED);
            return Uni.createFrom().item(Outcome.of(done, SmtpReply.of(550, "5.7.1",
                    "Message rejected: the sender's domain" + domainForReply(verdict.headerFrom())
                            + " publishes a DMARC reject policy and this message failed it")));
        }
        boolean junk = action != MailConfig.DmarcAction.TAG && (asked == Policy.QUARANTINE || asked == Policy.REJECT);
        List<Buffer> head = List.of(Buffer.buffer(verdict.field().getBytes(StandardCharsets.US_ASCII)));
        List<Buffer> body = content.blocks();
        long length = content.length();
        if (verdict.rewrittenHeader() != null) {
            // our own results, forged by the sender, go renamed (RFC 8601 §5)
            head = List.of(head.get(0), Buffer.buffer(verdict.rewrittenHeader()));
            body = from(body, verdict.headerLength());
            length -= verdict.headerLength();
        }
        List<String> forwardingDomains = transaction.recipients().stream().filter(AcceptedRecipient::forwarded)
                .map(r -> r.address().domain()).distinct().toList();
        ForwardingRules.Decision forwards = forwardingDomains.isEmpty() ? ForwardingRules.Decision.FORWARD
                : ForwardingRules.decide(junk, verdict.headerFrom(), verdict.dmarc(), forwardingDomains);
        if (forwards == ForwardingRules.Decision.DEFER) {
            LOG.infof("delivery %s deferred: DMARC could not be evaluated for a forwarded message", transaction.id());
            metrics.delivery(SmtpMetrics.Delivery.TEMP_FAILED);
            return Uni.createFrom().item(Outcome.of(done, SmtpReply.of(451, "4.7.0",
                    "Temporary failure checking the sender's domain, try again later")));
        }
        List<AcceptedRecipient> recipients = forwards == ForwardingRules.Decision.FORWARD ? transaction.recipients()
                : withoutForwards(transaction.recipients());
        if (recipients.isEmpty()) {
            LOG.infof("delivery %s refused: only forwards, and this message may not be forwarded", transaction.id());
            metrics.delivery(SmtpMetrics.Delivery.REJECTED);
            return Uni.createFrom().item(Outcome.of(done, SmtpReply.of(550, "5.7.1",
                    "Message not forwarded: it failed this server's sender authentication checks")));
        }
        List<Buffer> header = head;
        List<Buffer> rest = body;
        long restLength = length;
        return forwardedCopy(transaction, recipients, verdict)
                .flatMap(copy -> deliver(done, transaction, recipients, connection, header, rest, restLength,
                        junk ? authentication.junkMailbox() : "", verdict.senderPassedSpf(), copy));
    }

    /** The recipients with their forwards left out; those that only forwarded, left out too. */
    static List<AcceptedRecipient> withoutForwards(List<AcceptedRecipient> accepted) {
        return accepted.stream()
                .filter(r -> !r.forwarded() || !r.accountIds().isEmpty())
                .map(r -> r.forwarded() ? new AcceptedRecipient(r.address(), r.accountIds(), r.parameters()) : r)
                .toList();
    }

    /**
     * Stores the message: our Received field on top, then {@code head} (the results of the inbound
     * checks, or a submission's DKIM signature), then {@code body}. {@code senderKnown}: the envelope
     * sender is the account that submitted, or passed SPF; only then do "delivered" notices go to it,
     * since NOTIFY=SUCCESS with a forged sender would make this server mail a victim (backscatter).
     * {@code recipients}: the transaction's, or fewer (forwards left out). {@code copy}: how the queued
     * copy differs (forwarded mail).
     */
    private Uni<Outcome> deliver(SmtpState done, SmtpState.MailTransaction transaction, List<AcceptedRecipient> recipients,
            ConnectionInfo connection, List<Buffer> head, List<Buffer> body, long bodyLength, String mailbox,
            boolean senderKnown, InboundMessage.ForwardedCopy copy) {
        ZonedDateTime now = ZonedDateTime.now();
        // storage adds the Return-Path of final delivery (RFC 5321 4.4) to the local copies
        byte[] received = receivedHeader(transaction, connection, now).bytes();
        List<Buffer> parts = new ArrayList<>();
        parts.add(Buffer.buffer(received));
        parts.addAll(head);
        parts.addAll(body);
        long size = parts.stream().limit(1 + head.size()).mapToLong(Buffer::length).sum() + bodyLength;
        boolean utf8 = TransportNeeds.smtputf8(transaction, parts);
        // only the queued copy travels on: local-only mail need not be scanned
        boolean remote = recipients.stream().anyMatch(AcceptedRecipient::goesOut);
        boolean eightBit = remote && TransportNeeds.eightBit(parts);
        List<InboundMessage.Recipient> local = recipients(recipients).stream()
                .map(r -> mailbox.isEmpty() ? r : r.inMailbox(mailbox)).toList();
        // a report about a forward to a sender not known to be real returns no more than the header
        Ret ret = !senderKnown && recipients.stream().anyMatch(AcceptedRecipient::forwarded) ? Ret.HDRS
                : transaction.parameters().ret();
        InboundMessage message = new InboundMessage(transaction.id(),
                transaction.sender().map(Object::toString).orElse(""), local, outbound(recipients, senderKnown),
                size, now, transaction.login().map(Login::accountId).orElse(0L), transaction.parameters().envid(),
                ret, TransportNeeds.utf8Header(transaction, parts), eightBit,
                remote ? TransportNeeds.tlsRequirement(transaction.parameters().requireTls(), parts) : TlsRequirement.DEFAULT,
                copy);
        return delivery.deliver(message, parts)
                .call(stored -> senderKnown ? deliveredNotices.send(transaction, parts, now, utf8) : Uni.createFrom().voidItem())
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

    /** The blocks from {@code offset} on, sharing their memory. */
    static List<Buffer> from(List<Buffer> blocks, long offset) {
        List<Buffer> rest = new ArrayList<>();
        long skip = offset;
        for (Buffer block : blocks) {
            if (skip >= block.length()) {
                skip -= block.length();
                continue;
            }
            rest.add(skip == 0 ? block : block.slice((int) skip, block.length()));
            skip = 0;
        }
        return rest;
    }

    /** A remote-controlled domain in our reply only when it is plainly a domain name. */
    private static String domainForReply(String domain) {
        return domain != null && domain.length() <= 253 && domain.matches("[A-Za-z0-9.-]+") ? " " + domain : "";
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
                        transaction.login().isPresent(), transaction.parameters().smtputf8()),
                transaction.id(), single, now);
    }

    /**
     * The addresses at other domains, each once (the first RCPT's DSN parameters count). A forward
     * carries the client's ORCPT on, or as ORCPT the address the client gave, which RFC 3461 §4.2 lets a
     * relay add when there was none, so a report from the destination names the address the sender
     * knows; and its NOTIFY as {@link ForwardingRules#onward} allows.
     */
    static List<InboundMessage.Outbound> outbound(List<AcceptedRecipient> accepted, boolean senderKnown) {
        Map<String, InboundMessage.Outbound> byAddress = new LinkedHashMap<>();
        for (AcceptedRecipient recipient : accepted) {
            Optional<OriginalRecipient> given = recipient.parameters().originalRecipient();
            String original = given.or(() -> recipient.forwarded()
                            ? OriginalRecipient.of(recipient.address().toString()) : Optional.empty())
                    .map(OriginalRecipient::parameter).orElse("");
            Notify asked = recipient.parameters().dsnNotify();
            Notify notify = recipient.forwarded() ? ForwardingRules.onward(asked, senderKnown,
                    recipient.accountIds().size() + recipient.outboundTo().size() > 1) : asked;
            for (String address : recipient.outboundTo()) {
                byAddress.putIfAbsent(address, new InboundMessage.Outbound(address, notify, original));
            }
        }
        return List.copyOf(byAddress.values());
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
