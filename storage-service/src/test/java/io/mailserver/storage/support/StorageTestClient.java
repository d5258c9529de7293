package io.mailserver.storage.support;

import com.google.protobuf.ByteString;
import io.mailserver.contracts.storage.v1.AppendHeader;
import io.mailserver.contracts.storage.v1.AppendRequest;
import io.mailserver.contracts.storage.v1.AppendResponse;
import io.mailserver.contracts.storage.v1.DeliverRequest;
import io.mailserver.contracts.storage.v1.DeliverResponse;
import io.mailserver.contracts.storage.v1.DeliveryEnvelope;
import io.mailserver.contracts.storage.v1.DeliveryRecipient;
import io.mailserver.contracts.storage.v1.DeliveryService;
import io.mailserver.contracts.storage.v1.FetchRequest;
import io.mailserver.contracts.storage.v1.FetchResponse;
import io.mailserver.contracts.storage.v1.MailboxRef;
import io.mailserver.contracts.storage.v1.MessageService;
import io.mailserver.contracts.storage.v1.UidRange;
import io.mailserver.contracts.storage.v1.UidSet;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Test-side calls on the storage gRPC services and the database, as short readable steps. */
public final class StorageTestClient {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final DeliveryService delivery;
    private final MessageService messages;
    private final Pool pool;

    public StorageTestClient(DeliveryService delivery, MessageService messages, Pool pool) {
        this.delivery = delivery;
        this.messages = messages;
        this.pool = pool;
    }

    /** A fresh account id no other test uses. */
    public static long newAccountId() {
        return ThreadLocalRandom.current().nextLong(1_000_000, 1L << 40);
    }

    public static MailboxRef inbox(long accountId) {
        return MailboxRef.newBuilder().setAccountId(accountId).setName("INBOX").build();
    }

    public static MailboxRef mailbox(long accountId, String name) {
        return MailboxRef.newBuilder().setAccountId(accountId).setName(name).build();
    }

    public static UidSet uids(int first, int last) {
        return UidSet.newBuilder().addRanges(UidRange.newBuilder().setFirst(first).setLast(last)).build();
    }

    public static UidSet all() {
        return uids(1, -1);
    }

    /** The stream Deliver takes: envelope, then the bytes in chunks. */
    public static List<DeliverRequest> deliverStream(byte[] raw, int chunk, List<DeliveryRecipient> recipients, String deliveryId) {
        List<DeliverRequest> items = new ArrayList<>();
        items.add(DeliverRequest.newBuilder().setEnvelope(DeliveryEnvelope.newBuilder()
                .setDeliveryId(deliveryId)
                .setMailFrom("alice@example.com")
                .addAllRecipients(recipients)
                .setSize(raw.length)).build());
        for (int offset = 0; offset < raw.length; offset += chunk) {
            items.add(DeliverRequest.newBuilder()
                    .setData(ByteString.copyFrom(raw, offset, Math.min(chunk, raw.length - offset))).build());
        }
        return items;
    }

    public static DeliveryRecipient recipient(long accountId) {
        return DeliveryRecipient.newBuilder().setAccountId(accountId).setAddress(accountId + "@example.org").build();
    }

    public DeliverResponse deliver(byte[] raw, long... accountIds) {
        List<DeliveryRecipient> recipients = new ArrayList<>();
        for (long id : accountIds) {
            recipients.add(recipient(id));
        }
        return deliver(raw, recipients, UUID.randomUUID().toString());
    }

    public DeliverResponse deliver(byte[] raw, List<DeliveryRecipient> recipients, String deliveryId) {
        return delivery.deliver(Multi.createFrom().iterable(deliverStream(raw, 16 * 1024, recipients, deliveryId)))
                .await().atMost(TIMEOUT);
    }

    public AppendResponse append(MailboxRef mailbox, byte[] raw, String... flags) {
        List<AppendRequest> items = new ArrayList<>();
        items.add(AppendRequest.newBuilder().setHeader(AppendHeader.newBuilder()
                .setMailbox(mailbox).addAllFlags(List.of(flags)).setSize(raw.length)).build());
        items.add(AppendRequest.newBuilder().setData(ByteString.copyFrom(raw)).build());
        return messages.appendMessage(Multi.createFrom().iterable(items)).await().atMost(TIMEOUT);
    }

    /** One AppendMessage stream carrying every element given (a MULTIAPPEND, or a broken stream). */
    public AppendResponse appendStream(List<AppendRequest> items) {
        return messages.appendMessage(Multi.createFrom().iterable(items)).await().atMost(TIMEOUT);
    }

    public static List<AppendRequest> appendItems(MailboxRef mailbox, long announcedSize, byte[] raw, String... flags) {
        return List.of(AppendRequest.newBuilder().setHeader(AppendHeader.newBuilder()
                        .setMailbox(mailbox).addAllFlags(List.of(flags)).setSize(announcedSize)).build(),
                AppendRequest.newBuilder().setData(ByteString.copyFrom(raw)).build());
    }

    public List<FetchResponse> fetch(FetchRequest request) {
        return messages.fetchMessages(request).collect().asList().await().atMost(TIMEOUT);
    }

    /** Reassembled section data per UID and section index, checking the chunk protocol on the way. */
    public static Map<Integer, Map<Integer, byte[]>> sections(List<FetchResponse> responses) {
        Map<Integer, Map<Integer, ByteArrayOutputStream>> data = new HashMap<>();
        Map<String, Long> totals = new HashMap<>();
        for (FetchResponse r : responses) {
            if (!r.hasChunk()) {
                continue;
            }
            var chunk = r.getChunk();
            if (chunk.getData().size() > 64 * 1024) {
                throw new AssertionError("chunk larger than 64 KiB");
            }
            String key = r.getUid() + "/" + chunk.getSectionIndex();
            if (!totals.containsKey(key)) {
                totals.put(key, chunk.getTotalSize());
            }
            data.computeIfAbsent(r.getUid(), k -> new HashMap<>())
                    .computeIfAbsent(chunk.getSectionIndex(), k -> new ByteArrayOutputStream())
                    .writeBytes(chunk.getData().toByteArray());
        }
        Map<Integer, Map<Integer, byte[]>> out = new HashMap<>();
        data.forEach((uid, byIndex) -> byIndex.forEach((index, bytes) -> {
            if (bytes.size() != totals.get(uid + "/" + index)) {
                throw new AssertionError("total_size " + totals.get(uid + "/" + index) + " but " + bytes.size() + " bytes");
            }
            out.computeIfAbsent(uid, k -> new HashMap<>()).put(index, bytes.toByteArray());
        }));
        return out;
    }

    public List<Row> query(String sql, Object... args) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(List.of(args))).await().atMost(TIMEOUT).forEach(rows::add);
        return rows;
    }

    public long count(String sql, Object... args) {
        return query(sql, args).get(0).getLong(0);
    }
}
