package io.mailserver.storage.message.service;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.mailserver.contracts.events.v1.MailboxChanged;
import io.mailserver.contracts.storage.v1.BodyPart;
import io.mailserver.contracts.storage.v1.BodySection;
import io.mailserver.contracts.storage.v1.Envelope;
import io.mailserver.contracts.storage.v1.FetchItems;
import io.mailserver.contracts.storage.v1.FetchRequest;
import io.mailserver.contracts.storage.v1.FetchResponse;
import io.mailserver.contracts.storage.v1.MessageAttributes;
import io.mailserver.contracts.storage.v1.SectionChunk;
import io.mailserver.contracts.storage.v1.Timestamp;
import io.mailserver.storage.account.service.AccountProvisioning;
import io.mailserver.storage.blob.BlobId;
import io.mailserver.storage.blob.BlobStore;
import io.mailserver.storage.blob.CompressedBlob;
import io.mailserver.storage.blob.Compression;
import io.mailserver.storage.config.StorageConfig;
import io.mailserver.storage.events.MailboxChangedPublisher;
import io.mailserver.storage.mailbox.model.MailboxRow;
import io.mailserver.storage.mailbox.repository.MailboxDelta;
import io.mailserver.storage.mailbox.repository.MailboxRepository;
import io.mailserver.storage.message.model.UidRanges;
import io.mailserver.storage.message.repository.MessageRepository;
import io.mailserver.storage.message.repository.MessageRow;
import io.mailserver.storage.mime.Section;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FETCH (RFC 9051 §6.4.5) as one stream: message rows are read a batch per query in ascending UID
 * order, bodies a group of messages per query and each decompressed once however many sections are
 * asked; per UID the attributes come first, then each section in chunks. Sections of the top-level
 * header come from the stored header without touching the blob. Without .PEEK ({@code mark_seen})
 * \Seen is set first, in its own transaction, so the streamed flags already include it.
 */
@ApplicationScoped
public class FetchService {

    private static final int MAX_CHUNK = 64 * 1024;

    private final Pool pool;
    private final AccountProvisioning provisioning;
    private final MailboxRepository mailboxes;
    private final MessageRepository messages;
    private final BlobStore blobs;
    private final MailboxChangedPublisher publisher;
    private final int chunkSize;
    private final int batchSize;
    private final long blobReadBytes;

    public FetchService(Pool pool, AccountProvisioning provisioning, MailboxRepository mailboxes, MessageRepository messages,
            BlobStore blobs, MailboxChangedPublisher publisher, StorageConfig config) {
        this.pool = pool;
        this.provisioning = provisioning;
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.blobs = blobs;
        this.publisher = publisher;
        this.chunkSize = Math.max(1, Math.min(MAX_CHUNK, config.fetch().chunkSize()));
        this.batchSize = Math.max(1, config.fetch().batchSize());
        this.blobReadBytes = Math.max(1, config.fetch().blobReadBytes());
    }

    /** What a fetch has to read, decided once from the items. */
    private record Plan(FetchItems items, boolean envelope, boolean bodyStructure, boolean header, boolean blob) {

        static Plan of(FetchItems items) {
            boolean blob = false;
            boolean header = false;
            for (BodySection section : items.getSectionsList()) {
                if (Section.headerOnly(section)) {
                    header = true;
                } else {
                    blob = true;
                }
            }
            return new Plan(items, items.getEnvelope(), items.getBodyStructure() || blob, header, blob);
        }
    }

    private static final class Cursor {
        long afterUid;
        boolean done;
    }

    public Multi<FetchResponse> fetch(FetchRequest request) {
        UidRanges uids = UidRanges.of(request.getUids());
        Plan plan = Plan.of(request.getItems());
        return provisioning.ensure(request.getMailbox().getAccountId())
                .flatMap(ignored -> request.getMarkSeen() && !uids.isEmpty()
                        ? markSeen(request, uids)
                        : mailboxes.resolve(pool, request.getMailbox(), false))
                .onItem().transformToMulti(mailbox -> uids.isEmpty() ? Multi.createFrom().empty() : stream(mailbox, uids, plan,
                        request.getChangedSince()));
    }

    private Uni<MailboxRow> markSeen(FetchRequest request, UidRanges uids) {
        return pool.withTransaction(tx -> mailboxes.resolve(tx, request.getMailbox(), true).flatMap(mailbox ->
                        messages.markSeen(tx, mailbox.accountId(), mailbox.mailboxId(), uids, request.getChangedSince(),
                                        mailbox.highestModseq() + 1)
                                .flatMap(changed -> changed.isEmpty()
                                        ? Uni.createFrom().item(new Object[] {mailbox, false})
                                        : mailboxes.apply(tx, mailbox.accountId(), mailbox.mailboxId(),
                                                        new MailboxDelta(0, true, 0, -changed.size(), 0, 0))
                                                .map(after -> new Object[] {after, true}))))
                .map(result -> {
                    MailboxRow mailbox = (MailboxRow) result[0];
                    if ((Boolean) result[1]) {
                        publisher.publish(mailbox, MailboxChanged.Kind.FLAGS_CHANGED);
                    }
                    return mailbox;
                });
    }

    private Multi<FetchResponse> stream(MailboxRow mailbox, UidRanges uids, Plan plan, long changedSince) {
        Multi<List<MessageRow>> batches = Multi.createBy().repeating()
                .uni(Cursor::new, cursor -> cursor.done
                        ? Uni.createFrom().item(List.<MessageRow>of())
                        : messages.fetchBatch(pool, mailbox.accountId(), mailbox.mailboxId(), uids, cursor.afterUid,
                                        changedSince, batchSize, plan.envelope(), plan.bodyStructure(), plan.header())
                                .invoke(rows -> {
                                    if (!rows.isEmpty()) {
                                        cursor.afterUid = rows.get(rows.size() - 1).uid();
                                    }
                                    cursor.done = rows.size() < batchSize;
                                }))
                .until(List::isEmpty);
        return batches.onItem().transformToMultiAndConcatenate(rows -> plan.blob()
                ? Multi.createFrom().iterable(groups(rows)).onItem().transformToMultiAndConcatenate(group -> withBodies(group, plan))
                : Multi.createFrom().iterable(rows).onItem().transformToIterable(row -> responses(row, null, plan)));
    }

    /** Consecutive messages whose bodies together stay within one read. */
    private List<List<MessageRow>> groups(List<MessageRow> rows) {
        List<List<MessageRow>> groups = new ArrayList<>();
        List<MessageRow> current = new ArrayList<>();
        long bytes = 0;
        for (MessageRow row : rows) {
            if (!current.isEmpty() && bytes + row.size() > blobReadBytes) {
                groups.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(row);
            bytes += row.size();
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    private Multi<FetchResponse> withBodies(List<MessageRow> group, Plan plan) {
        return blobs.read(group.stream().map(MessageRow::blob).toList())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToMulti(found -> Multi.createFrom().iterable(group)
                        .onItem().transformToIterable(row -> responses(row, body(found, row.blob()), plan)));
    }

    private static byte[] body(Map<BlobId, CompressedBlob> found, BlobId id) {
        CompressedBlob blob = found.get(id);
        if (blob == null) {
            throw new IllegalStateException("blob " + id + " of a message is missing");
        }
        return Compression.decompress(blob);
    }

    /** The attributes, then every asked section in chunks. */
    private List<FetchResponse> responses(MessageRow row, byte[] raw, Plan plan) {
        FetchItems items = plan.items();
        int uid = (int) row.uid();
        List<FetchResponse> out = new ArrayList<>();
        out.add(FetchResponse.newBuilder().setUid(uid).setAttributes(attributes(row, items)).build());
        BodyPart structure = plan.blob() ? parse(row.bodyStructure()) : null;
        for (int i = 0; i < items.getSectionsCount(); i++) {
            BodySection section = items.getSections(i);
            Section.Slice slice = raw == null || Section.headerOnly(section)
                    ? Section.fromHeader(section, row.header() == null ? new byte[0] : row.header())
                    : Section.fromMessage(section, structure, raw);
            chunks(uid, i, slice, out);
        }
        return out;
    }

    private void chunks(int uid, int index, Section.Slice slice, List<FetchResponse> out) {
        int total = slice.length();
        if (total == 0) {
            out.add(FetchResponse.newBuilder().setUid(uid).setChunk(SectionChunk.newBuilder()
                    .setSectionIndex(index).setTotalSize(0).setData(ByteString.EMPTY).setLast(true)).build());
            return;
        }
        for (int offset = 0; offset < total; offset += chunkSize) {
            int length = Math.min(chunkSize, total - offset);
            SectionChunk.Builder chunk = SectionChunk.newBuilder()
                    .setSectionIndex(index)
                    // the bytes are never written to again, so the chunk can share them
                    .setData(UnsafeByteOperations.unsafeWrap(slice.bytes(), slice.from() + offset, length))
                    .setLast(offset + length == total);
            if (offset == 0) {
                chunk.setTotalSize(total);
            }
            out.add(FetchResponse.newBuilder().setUid(uid).setChunk(chunk).build());
        }
    }

    private static MessageAttributes attributes(MessageRow row, FetchItems items) {
        MessageAttributes.Builder a = MessageAttributes.newBuilder();
        if (items.getFlags()) {
            a.addAllFlags(row.flags().names());
        }
        if (items.getModseq()) {
            a.setModseq(row.modseq());
        }
        if (items.getInternalDate()) {
            a.setInternalDate(Timestamp.newBuilder()
                    .setEpochSeconds(row.internalDate().toEpochSecond())
                    .setZoneOffsetMinutes(row.internalDateOffsetMinutes()));
        }
        if (items.getSize()) {
            a.setSize(row.size());
        }
        if (items.getEnvelope() && row.envelope() != null) {
            try {
                a.setEnvelope(Envelope.parseFrom(row.envelope()));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("stored envelope unreadable", e);
            }
        }
        if (items.getBodyStructure() && row.bodyStructure() != null) {
            a.setBodyStructure(parse(row.bodyStructure()));
        }
        return a.build();
    }

    private static BodyPart parse(byte[] bodyStructure) {
        try {
            return BodyPart.parseFrom(bodyStructure);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored body structure unreadable", e);
        }
    }
}
