package io.mailserver.storage.delivery.service;

import io.mailserver.contracts.events.v1.MailboxChanged;
import io.mailserver.contracts.storage.v1.DeliverRequest;
import io.mailserver.contracts.storage.v1.DeliverResponse;
import io.mailserver.contracts.storage.v1.DeliveredMessage;
import io.mailserver.contracts.storage.v1.DeliveryEnvelope;
import io.mailserver.contracts.storage.v1.DeliveryRecipient;
import io.mailserver.storage.account.service.AccountProvisioning;
import io.mailserver.storage.blob.CompressedBlob;
import io.mailserver.storage.call.CallDeadline;
import io.mailserver.storage.config.StorageConfig;
import io.mailserver.storage.delivery.repository.DeliveryRepository;
import io.mailserver.storage.delivery.repository.SendingUsageRepository;
import io.mailserver.storage.events.MailboxChangedPublisher;
import io.mailserver.storage.failure.StorageException;
import io.mailserver.storage.ingest.BoundedBytes;
import io.mailserver.storage.ingest.IngestMemory;
import io.mailserver.storage.ingest.IngestedMessage;
import io.mailserver.storage.ingest.MessageIngest;
import io.mailserver.storage.mailbox.model.MailboxName;
import io.mailserver.storage.mailbox.model.MailboxRow;
import io.mailserver.storage.mailbox.repository.MailboxRepository;
import io.mailserver.storage.message.model.Flags;
import io.mailserver.storage.message.service.MessageWriter;
import io.mailserver.storage.metrics.StorageMetrics;
import io.mailserver.storage.queue.repository.QueuedRecipientRow;
import io.mailserver.storage.queue.service.OutboundQueue;
import io.mailserver.storage.sql.GroupedTransactions;
import io.mailserver.storage.sql.RetriedTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Deliver: one message to many recipients. The whole stream is received (bounded) before anything
 * is written; then one transaction stores one blob and one message row per local recipient (with a
 * Return-Path line when the caller says this is final delivery), queues the message for recipients
 * at other domains ({@link OutboundQueue}) and records the delivery id; the answer follows the
 * commit. Deliveries to one mailbox each that queue up behind each other share a transaction, a
 * few mailboxes' deliveries at a time ({@link GroupedTransactions}, by lane). A stream that fails,
 * is cancelled or comes up short never reaches the transaction, so it stores nothing; a caller that
 * cancels or whose deadline passes while the transaction runs gets it rolled back instead of
 * committed.
 */
@ApplicationScoped
public class MessageDelivery {

    private final Pool pool;
    private final MessageIngest ingest;
    private final AccountProvisioning provisioning;
    private final MailboxRepository mailboxes;
    private final MessageWriter writer;
    private final DeliveryRepository deliveries;
    private final MailboxChangedPublisher publisher;
    private final StorageMetrics metrics;
    private final IngestMemory ingestMemory;
    private final OutboundQueue queue;
    private final SendingUsageRepository usage;
    /** Deliveries to one mailbox each, by lane: see {@link #groupedBy}. */
    private final GroupedTransactions<Integer> grouped;
    private final int lanes;

    public MessageDelivery(Pool pool, MessageIngest ingest, AccountProvisioning provisioning, MailboxRepository mailboxes,
            MessageWriter writer, DeliveryRepository deliveries, MailboxChangedPublisher publisher, StorageMetrics metrics,
            IngestMemory ingestMemory, OutboundQueue queue, SendingUsageRepository usage, StorageConfig config) {
        this.pool = pool;
        this.ingest = ingest;
        this.provisioning = provisioning;
        this.mailboxes = mailboxes;
        this.writer = writer;
        this.deliveries = deliveries;
        this.publisher = publisher;
        this.metrics = metrics;
        this.ingestMemory = ingestMemory;
        this.queue = queue;
        this.usage = usage;
        this.grouped = new GroupedTransactions<>(pool, config.delivery().groupMax());
        this.lanes = Math.max(1, config.delivery().groupLanes());
    }

    /** What an account submitted in the last hour. */
    public Uni<SendingUsageRepository.Usage> sendingUsage(long accountId) {
        return usage.lastHour(accountId);
    }

    /** The stream as received: envelope first, then the bytes. */
    static final class Received {
        private final long maxSize;
        private final IngestMemory.Reservation memory;
        private DeliveryEnvelope envelope;
        private BoundedBytes bytes;

        Received(long maxSize, IngestMemory.Reservation memory) {
            this.maxSize = maxSize;
            this.memory = memory;
        }

        void add(DeliverRequest item) {
            switch (item.getItemCase()) {
                case ENVELOPE -> {
                    if (envelope != null) {
                        throw StorageException.invalidArgument("the envelope must come once, first");
                    }
                    envelope = item.getEnvelope();
                    if (envelope.getSize() > maxSize) {
                        throw StorageException.resourceExhausted("message exceeds the maximum size of " + maxSize + " bytes");
                    }
                    bytes = new BoundedBytes(maxSize, envelope.getSize(), memory);
                }
                case DATA -> {
                    if (envelope == null) {
                        throw StorageException.invalidArgument("the envelope must come first");
                    }
                    bytes.append(item.getData());
                }
                default -> throw StorageException.invalidArgument("empty stream element");
            }
        }

        byte[] complete() {
            if (envelope == null) {
                throw StorageException.invalidArgument("no envelope");
            }
            MessageIngest.checkSize(envelope.getSize(), bytes.length());
            return bytes.toByteArray();
        }
    }

    /** The caller's answer, the mailboxes changed and the blobs stored: the last two for after commit. */
    private record Outcome(DeliverResponse response, List<MailboxRow> changed, List<MessageWriter.StoredBlob> stored) {
    }

    public Uni<DeliverResponse> deliver(Multi<DeliverRequest> stream) {
        return deliver(stream, CallDeadline.none());
    }

    /**
     * @param deadline the caller's: the transaction rolls back instead of committing once the caller
     *                 has given up or is about to (see {@link CallDeadline})
     */
    public Uni<DeliverResponse> deliver(Multi<DeliverRequest> stream, CallDeadline deadline) {
        IngestMemory.Reservation memory = ingestMemory.reserve();
        Received received = new Received(ingest.maxSize(), memory);
        return stream.collect().in(() -> received, Received::add)
                .map(Received::complete)
                .flatMap(raw -> {
                    DeliveryEnvelope envelope = received.envelope;
                    List<Flags> flags = validate(envelope);
                    Map<String, List<QueuedRecipientRow>> outbound = OutboundQueue.byDomain(envelope.getOutboundList());
                    List<Long> accounts = envelope.getRecipientsList().stream().map(DeliveryRecipient::getAccountId).toList();
                    Uni<IngestedMessage> local = accounts.isEmpty() ? Uni.createFrom().nullItem()
                            : provisioning.ensureAll(accounts)
                                    .flatMap(ignored -> ingest.ingest(envelope.getAddReturnPath()
                                            ? prefixed(returnPath(envelope.getMailFrom()), raw, memory) : raw));
                    // the queued copy is the content as received (a Return-Path belongs to final delivery
                    // only), under the fields a forwarding server adds for the next hop
                    Uni<CompressedBlob> queued = outbound.isEmpty() ? Uni.createFrom().nullItem()
                            : ingest.blob(envelope.getOutboundHeader().isEmpty() ? raw
                                    : prefixed(envelope.getOutboundHeader().toByteArray(), raw, memory));
                    return local.flatMap(message -> queued.flatMap(blob -> store(envelope, flags, message, blob, outbound, deadline)
                            .onFailure(MessageDelivery::isDuplicateDelivery)
                            .recoverWithUni(() -> replay(envelope))));
                })
                .invoke(outcome -> {
                    if (!outcome.changed().isEmpty()) {
                        metrics.delivered();
                        metrics.messagesStored(outcome.response().getMessagesCount());
                        metrics.blobsStored(outcome.stored());
                        outcome.changed().forEach(m -> publisher.publish(m, MailboxChanged.Kind.APPENDED));
                    }
                })
                .map(Outcome::response)
                // the received bytes are garbage from here on, whatever the outcome
                .onTermination().invoke(memory::close);
    }

    /** The line final delivery puts on top of the local copies (RFC 5321 §4.4). */
    static byte[] returnPath(String mailFrom) {
        return ("Return-Path: <" + mailFrom + ">\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code raw} under {@code head} (a Return-Path, or a forwarder's ARC set), in one new array taken
     * from the call's memory budget like the bytes it copies.
     */
    static byte[] prefixed(byte[] head, byte[] raw, IngestMemory.Reservation memory) {
        memory.take((long) head.length + raw.length);
        byte[] copy = new byte[head.length + raw.length];
        System.arraycopy(head, 0, copy, 0, head.length);
        System.arraycopy(raw, 0, copy, head.length, raw.length);
        return copy;
    }

    private static List<Flags> validate(DeliveryEnvelope envelope) {
        if (envelope.getRecipientsCount() == 0 && envelope.getOutboundCount() == 0) {
            throw StorageException.invalidArgument("no recipients");
        }
        // it becomes a header line of every local copy and the MAIL FROM of every outbound attempt
        if (envelope.getMailFrom().length() > 254 || !OutboundQueue.safe(envelope.getMailFrom())) {
            throw StorageException.invalidArgument("mail_from is not a mailbox");
        }
        if (envelope.getReturnFull() && envelope.getReturnHeadersOnly()) {
            throw StorageException.invalidArgument("return_full and return_headers_only exclude each other");
        }
        String outboundFrom = envelope.getOutboundMailFrom();
        if (outboundFrom.length() > 254 || !OutboundQueue.safe(outboundFrom)) {
            throw StorageException.invalidArgument("outbound_mail_from is not a mailbox");
        }
        if (!OutboundQueue.headerFields(envelope.getOutboundHeader())) {
            throw StorageException.invalidArgument("outbound_header is not at most 64 KiB of CRLF-terminated header fields");
        }
        if (envelope.getEnvid().length() > 100 || !envelope.getEnvid().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw StorageException.invalidArgument("envid is not printable ASCII of at most 100 characters");
        }
        List<Flags> flags = new ArrayList<>();
        for (DeliveryRecipient r : envelope.getRecipientsList()) {
            if (r.getAccountId() <= 0) {
                throw StorageException.invalidArgument("recipient account id must be positive");
            }
            flags.add(Flags.parse(r.getFlagsList()));
        }
        if (Math.abs(envelope.getReceivedAt().getZoneOffsetMinutes()) > 18 * 60) {
            throw StorageException.invalidArgument("zone offset out of range");
        }
        if (envelope.getDeliveryId().length() > 200) {
            throw StorageException.invalidArgument("delivery id longer than 200 characters");
        }
        return flags;
    }

    /**
     * One transaction: the local copies (when {@code message} is not null) and the queued message (when
     * {@code blob} is not null), or, for a delivery id seen before, the first result.
     */
    private Uni<Outcome> store(DeliveryEnvelope envelope, List<Flags> flags, IngestedMessage message, CompressedBlob blob,
            Map<String, List<QueuedRecipientRow>> outbound, CallDeadline deadline) {
        Function<SqlConnection, Uni<Prepared>> prepare = tx -> prepare(tx, envelope, message);
        BiFunction<SqlConnection, Prepared, Uni<Outcome>> finish = (tx, prepared) -> {
            if (prepared.recorded() != null) {
                return Uni.createFrom().item(prepared.recorded());
            }
            Uni<Outcome> local = message == null
                    ? Uni.createFrom().item(new Outcome(DeliverResponse.newBuilder().setContentSha256(blob.id().hex()).build(),
                            List.of(), List.of()))
                    : place(tx, envelope, flags, message, prepared);
            return local
                    .flatMap(outcome -> blob == null ? Uni.createFrom().item(outcome)
                            : queue.enqueue(tx, envelope, blob, outbound).map(queueId -> new Outcome(
                                    outcome.response().toBuilder().setQueueId(queueId).build(), outcome.changed(),
                                    outcome.stored())))
                    // a submission counts toward its account's sending limits in the same transaction
                    .call(() -> envelope.getSubmittedBy() <= 0 ? Uni.createFrom().voidItem()
                            : usage.add(tx, envelope.getSubmittedBy(), envelope.getRecipientsCount() + envelope.getOutboundCount()));
        };
        // Asked as the last step inside the transaction: nothing commits for a caller that gave up.
        // A grouped delivery may be asked again when it runs alone; it is counted once.
        AtomicBoolean counted = new AtomicBoolean();
        Supplier<Uni<Void>> stillWanted = () -> deadline.ensureStillWanted().onFailure().invoke(() -> {
            if (counted.compareAndSet(false, true)) {
                metrics.writeAbandoned();
            }
        });
        GroupKey key = groupedBy(envelope, message);
        return key == null
                ? RetriedTransaction.run(pool, tx -> prepare.apply(tx).flatMap(prepared -> finish.apply(tx, prepared))
                        .call(stillWanted::get))
                : grouped.run(key.lane(lanes), new GroupedTransactions.Work<>(message.blob().id().hex(), prepare,
                        prepared -> locks(envelope, prepared), finish, stillWanted));
    }

    /** The one mailbox a grouped delivery goes to: an account and the name its recipients asked for. */
    private record GroupKey(long accountId, String mailbox) {

        /** Spread so that an account's mailboxes, and consecutive accounts, take different lanes. */
        int lane(int lanes) {
            return Math.floorMod(Long.hashCode(accountId) * 31 + mailbox.hashCode(), lanes);
        }
    }

    /** The mailbox row a grouped delivery locks (one, as all its recipients go to it), if any. */
    private static GroupedTransactions.LockOrder locks(DeliveryEnvelope envelope, Prepared prepared) {
        return prepared.mailboxIds().isEmpty() ? GroupedTransactions.LockOrder.NONE
                : new GroupedTransactions.LockOrder(envelope.getRecipients(0).getAccountId(), prepared.mailboxIds().get(0));
    }

    /**
     * The mailbox a delivery is grouped by: local mail (the MX's usual case) whose recipients all go
     * to one mailbox of one account. Such deliveries meet on that mailbox's lock anyway; grouped,
     * those that queue up commit together, with those queued for the other mailboxes of their lane.
     * A batch locks its mailboxes in (account, mailbox) order, as a COPY or MOVE between two of them
     * and a delivery to several do ({@link GroupedTransactions.LockOrder}). Not grouped: a
     * submission (it also updates its sender's usage row, which two batches could take in opposite
     * orders), mail with outbound recipients, and a delivery without an id (a member runs again when
     * its batch's commit fails, and only the id tells whether that commit went through).
     */
    private static GroupKey groupedBy(DeliveryEnvelope envelope, IngestedMessage message) {
        if (message == null || envelope.getOutboundCount() > 0 || envelope.getRecipientsCount() == 0
                || envelope.getSubmittedBy() > 0 || envelope.getDeliveryId().isEmpty()) {
            return null;
        }
        DeliveryRecipient first = envelope.getRecipients(0);
        String mailbox = targetName(first.getMailbox());
        for (DeliveryRecipient r : envelope.getRecipientsList()) {
            if (r.getAccountId() != first.getAccountId() || !targetName(r.getMailbox()).equals(mailbox)) {
                return null;
            }
        }
        return new GroupKey(first.getAccountId(), mailbox);
    }

    /**
     * What a delivery does before it locks a mailbox: an earlier result of its delivery id (then
     * nothing else), or its target mailboxes and its stored content ({@link MessageWriter#storeContent}).
     */
    private record Prepared(Outcome recorded, List<Long> mailboxIds, List<MessageWriter.StoredBlob> stored) {
    }

    private Uni<Prepared> prepare(SqlConnection tx, DeliveryEnvelope envelope, IngestedMessage message) {
        // Both lookups go out at once: the connection pipelines them, so the delivery waits for one
        // round trip to PostgreSQL instead of two (an earlier result makes the mailboxes unneeded).
        List<String> names = envelope.getRecipientsList().stream().map(r -> targetName(r.getMailbox())).toList();
        Uni<Optional<Outcome>> recorded = earlier(tx, envelope);
        Uni<Map<Long, Map<String, Long>>> mailboxIds = message == null ? Uni.createFrom().item(Map.of())
                : mailboxIds(tx, envelope, names);
        return Uni.combine().all().unis(recorded, mailboxIds).asTuple().flatMap(found -> {
            if (found.getItem1().isPresent() || message == null) {
                return Uni.createFrom().item(new Prepared(found.getItem1().orElse(null), List.of(), List.of()));
            }
            List<Long> targets = targets(envelope, names, found.getItem2());
            return writer.storeContent(tx, message).map(stored -> new Prepared(null, targets, stored));
        });
    }

    /** The result of an earlier Deliver with this delivery id, if there was one. */
    private Uni<Optional<Outcome>> earlier(SqlConnection tx, DeliveryEnvelope envelope) {
        String deliveryId = envelope.getDeliveryId();
        if (deliveryId.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        List<Long> accounts = envelope.getRecipientsList().stream().map(DeliveryRecipient::getAccountId).toList();
        Uni<DeliveryRepository.Recorded> local = accounts.isEmpty() ? Uni.createFrom().nullItem()
                : deliveries.find(tx, accounts, deliveryId);
        Uni<Long> queued = envelope.getOutboundCount() == 0 ? Uni.createFrom().nullItem() : queue.queued(tx, deliveryId);
        return local.flatMap(recorded -> queued.map(queueId -> {
            if (recorded == null && queueId == null) {
                return Optional.<Outcome>empty();
            }
            DeliverResponse.Builder response = DeliverResponse.newBuilder();
            if (recorded != null) {
                response.addAllMessages(recorded.messages()).setContentSha256(recorded.contentSha256());
            }
            if (queueId != null) {
                response.setQueueId(queueId);
            }
            return Optional.of(new Outcome(response.build(), List.of(), List.of()));
        }));
    }

    private Uni<Outcome> place(SqlConnection tx, DeliveryEnvelope envelope, List<Flags> flags, IngestedMessage message,
            Prepared prepared) {
        return Uni.createFrom().deferred(() -> {
            List<MessageWriter.Target> targets = new ArrayList<>();
            for (int i = 0; i < envelope.getRecipientsCount(); i++) {
                targets.add(new MessageWriter.Target(envelope.getRecipients(i).getAccountId(), prepared.mailboxIds().get(i),
                        flags.get(i)));
            }
            OffsetDateTime receivedAt = receivedAt(envelope);
            int offset = envelope.hasReceivedAt() ? envelope.getReceivedAt().getZoneOffsetMinutes() : 0;
            // the delivery id's record goes out with the rows: pipelined, one round trip for both; the
            // caller's answer lists the same copies
            AtomicReference<List<DeliveredMessage>> delivered = new AtomicReference<>();
            Function<List<MessageWriter.Placed>, Uni<Void>> record = placed -> {
                delivered.set(delivered(placed));
                return envelope.getDeliveryId().isEmpty() ? Uni.createFrom().voidItem()
                        : deliveries.record(tx, envelope.getDeliveryId(), delivered.get(), message.blob().id().bytes());
            };
            return writer.place(tx, message, receivedAt, offset, targets, prepared.stored(), record)
                    .map(written -> new Outcome(DeliverResponse.newBuilder()
                            .addAllMessages(delivered.get())
                            .setContentSha256(message.blob().id().hex())
                            .build(), written.changed(), written.stored()));
        });
    }

    private static List<DeliveredMessage> delivered(List<MessageWriter.Placed> placed) {
        List<DeliveredMessage> delivered = new ArrayList<>();
        for (MessageWriter.Placed p : placed) {
            delivered.add(DeliveredMessage.newBuilder()
                    .setAccountId(p.mailbox().accountId())
                    .setMailboxId(p.mailbox().mailboxId())
                    .setUidValidity((int) p.mailbox().uidValidity())
                    .setUid((int) p.uid())
                    .build());
        }
        return delivered;
    }

    /** The ids of the mailboxes the recipients named, and of their INBOXes, by account and name. */
    private Uni<Map<Long, Map<String, Long>>> mailboxIds(SqlConnection tx, DeliveryEnvelope envelope, List<String> names) {
        Map<Long, Set<String>> namesByAccount = new LinkedHashMap<>();
        for (int i = 0; i < envelope.getRecipientsCount(); i++) {
            Set<String> ofAccount = namesByAccount.computeIfAbsent(envelope.getRecipients(i).getAccountId(), k -> new TreeSet<>());
            ofAccount.add(names.get(i));
            ofAccount.add(MailboxName.INBOX);
        }
        Map<Long, Map<String, Long>> ids = new HashMap<>();
        return Multi.createFrom().iterable(namesByAccount.entrySet())
                .onItem().transformToUniAndConcatenate(e -> mailboxes.byNames(tx, e.getKey(), List.copyOf(e.getValue()))
                        .invoke(rows -> {
                            Map<String, Long> byName = ids.computeIfAbsent(e.getKey(), k -> new HashMap<>());
                            rows.forEach(row -> byName.put(row.name(), row.mailboxId()));
                        }))
                .collect().last()
                .replaceWith(ids);
    }

    /**
     * The mailbox of each recipient: the one named if the account has it, else INBOX (an unknown or
     * invalid name never bounces a message). {@code names} are the recipients' normalised names, in order.
     */
    private static List<Long> targets(DeliveryEnvelope envelope, List<String> names, Map<Long, Map<String, Long>> ids) {
        List<Long> result = new ArrayList<>();
        for (int i = 0; i < envelope.getRecipientsCount(); i++) {
            Map<String, Long> byName = ids.getOrDefault(envelope.getRecipients(i).getAccountId(), Map.of());
            Long id = byName.getOrDefault(names.get(i), byName.get(MailboxName.INBOX));
            if (id == null) {
                throw StorageException.aborted("account changed during delivery");
            }
            result.add(id);
        }
        return result;
    }

    private static String targetName(String requested) {
        if (requested.isEmpty()) {
            return MailboxName.INBOX;
        }
        try {
            return MailboxName.normalize(requested);
        } catch (StorageException e) {
            return MailboxName.INBOX;
        }
    }

    private static OffsetDateTime receivedAt(DeliveryEnvelope envelope) {
        if (!envelope.hasReceivedAt() || envelope.getReceivedAt().getEpochSeconds() <= 0) {
            return OffsetDateTime.now(ZoneOffset.UTC);
        }
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(envelope.getReceivedAt().getEpochSeconds()), ZoneOffset.UTC);
    }

    private Uni<Outcome> replay(DeliveryEnvelope envelope) {
        return pool.withTransaction(tx -> earlier(tx, envelope))
                .map(recorded -> recorded.orElseThrow(() -> StorageException.aborted("concurrent delivery, try again")));
    }

    /** A concurrent Deliver with the same id committed first. */
    private static boolean isDuplicateDelivery(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState()) && pg.getMessage() != null
                && (pg.getMessage().contains("deliveries_pkey") || pg.getMessage().contains("outbound_messages_delivery_idx"));
    }
}
