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
import io.mailserver.storage.blob.BlobStore;
import io.mailserver.storage.config.StorageConfig;
import io.mailserver.storage.events.MailboxChangedPublisher;
import io.mailserver.storage.mailbox.model.MailboxRow;
import io.mailserver.storage.mailbox.repository.MailboxDelta;
import io.mailserver.storage.mailbox.repository.MailboxRepository;
import io.mailserver.storage.message.model.UidRanges;
import io.mailserver.storage.message.repository.MessageRepository;
import io.mailserver.storage.message.repository.MessageRow;
import io.mailserver.storage.mime.Section;
import io.mailserver.storage.sql.RetriedTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * FETCH (RFC 9051 §6.4.5) as one stream, produced only as fast as it is consumed: message rows are
 * read a batch per query in ascending UID order; per UID the attributes come first, then each
 * section in chunks. A body section is streamed from its blob, decompressed as it goes and read from
 * the frame that holds its first byte, so neither a whole message nor a whole group of them is ever
 * held; a fetch that reads bodies holds one of the instance's {@link BodyStreams}. Sections of the
 * top-level header come from the stored header without touching the blob. Without .PEEK
 * ({@code mark_seen}) \Seen is set first, in its own transaction, so the streamed flags include it.
 * BINARY sections and sizes are decoded on the way ({@link DecodedSections}).
 */
@ApplicationScoped
public class FetchService {

    private static final int MAX_CHUNK = 64 * 1024;

    private final Pool pool;
    private final MailboxRepository mailboxes;
    private final MessageRepository messages;
    private final BlobStore blobs;
    private final MailboxChangedPublisher publisher;
    private final BodyStreams streams;
    private final int chunkSize;
    private final int batchSize;
    private final int narrowBatchSize;
    private final int maxHeaderBytes;
    private final DecodedSections decodedSections;

    public FetchService(Pool pool, MailboxRepository mailboxes, MessageRepository messages,
            BlobStore blobs, MailboxChangedPublisher publisher, BodyStreams streams, StorageConfig config) {
        this.streams = streams;
        this.pool = pool;
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.blobs = blobs;
        this.publisher = publisher;
        this.chunkSize = Math.max(1, Math.min(MAX_CHUNK, config.fetch().chunkSize()));
        this.batchSize = Math.max(1, config.fetch().batchSize());
        this.narrowBatchSize = Math.max(1, config.fetch().narrowBatchSize());
        this.maxHeaderBytes = Math.max(1024, config.fetch().maxHeaderBytes());
        this.decodedSections = new DecodedSections(blobs, chunkSize);
    }

    /** What a fetch has to read, decided once from the items. */
    private record Plan(FetchItems items, boolean envelope, boolean bodyStructure, boolean header, boolean blob) {

        static Plan of(FetchItems items) {
            boolean blob = items.getBinarySizesCount() > 0;
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

        /** Only columns of the row itself: one response per message, nothing read from a blob. */
        boolean attributesOnly() {
            return items.getSectionsCount() == 0 && items.getBinarySizesCount() == 0;
        }

        /** Only the narrow columns (flags, UID, size, dates, MODSEQ): rows of about a hundred octets. */
        boolean narrow() {
            return attributesOnly() && !envelope && !bodyStructure && !header && !items.getPreview();
        }
    }

    private static final class Cursor {
        long afterUid;
        boolean done;
    }

    public Multi<FetchResponse> fetch(FetchRequest request) {
        UidRanges uids = UidRanges.of(request.getUids());
        Plan plan = Plan.of(request.getItems());
        long accountId = request.getMailbox().getAccountId();
        // The permit comes first: a fetch refused for want of one must not have set \Seen already.
        Uni<Runnable> permit = plan.blob() && !uids.isEmpty() ? streams.acquire(accountId) : Uni.createFrom().item(NO_PERMIT);
        return permit.onItem().transformToMulti(release -> (request.getMarkSeen() && !uids.isEmpty()
                        ? markSeen(request, uids)
                        : mailboxes.resolve(pool, request.getMailbox(), false))
                .onItem().transformToMulti(mailbox -> uids.isEmpty()
                        ? Multi.createFrom().<FetchResponse>empty()
                        : stream(mailbox, uids, plan, request.getChangedSince()))
                .onTermination().invoke(release));
    }

    private static final Runnable NO_PERMIT = () -> {
    };

    private Uni<MailboxRow> markSeen(FetchRequest request, UidRanges uids) {
        return RetriedTransaction.run(pool, tx -> mailboxes.resolve(tx, request.getMailbox(), true).flatMap(mailbox ->
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
        int batchSize = plan.narrow() ? narrowBatchSize : this.batchSize;
        Multi<List<MessageRow>> batches = Multi.createBy().repeating()
                .uni(Cursor::new, cursor -> cursor.done
                        ? Uni.createFrom().item(List.<MessageRow>of())
                        : messages.fetchBatch(pool, mailbox.accountId(), mailbox.mailboxId(), uids, cursor.afterUid,
                                        changedSince, batchSize, plan.envelope(), plan.bodyStructure(), plan.header(),
                                        plan.items().getPreview())
                                .invoke(rows -> {
                                    if (!rows.isEmpty()) {
                                        cursor.afterUid = rows.get(rows.size() - 1).uid();
                                    }
                                    cursor.done = rows.size() < batchSize;
                                }))
                .until(List::isEmpty);
        if (plan.attributesOnly()) {
            // a FETCH of FLAGS over a whole mailbox: one response per row, without a stream per message
            return batches.onItem().transformToIterable(rows -> {
                List<FetchResponse> responses = new ArrayList<>(rows.size());
                for (MessageRow row : rows) {
                    responses.add(FetchResponse.newBuilder().setUid((int) row.uid())
                            .setAttributes(attributes(row, plan.items())).build());
                }
                return responses;
            });
        }
        return batches.onItem().transformToMultiAndConcatenate(rows -> Multi.createFrom().iterable(rows)
                .onItem().transformToMultiAndConcatenate(row -> message(row, plan)));
    }

    /** The attributes of one message, then every asked section in chunks. */
    private Multi<FetchResponse> message(MessageRow row, Plan plan) {
        FetchItems items = plan.items();
        int uid = (int) row.uid();
        BodyPart structure = plan.blob() ? parse(row.bodyStructure()) : null;
        Uni<FetchResponse> attributes = (items.getBinarySizesCount() == 0
                        ? Uni.createFrom().item(attributes(row, items))
                        : decodedSections.sizes(row, structure, items.getBinarySizesList())
                                .map(sizes -> attributes(row, items).toBuilder().addAllBinarySizes(sizes).build()))
                .map(a -> FetchResponse.newBuilder().setUid(uid).setAttributes(a).build());
        if (items.getSectionsCount() == 0) {
            return attributes.toMulti();
        }
        List<Multi<FetchResponse>> parts = new ArrayList<>();
        parts.add(attributes.toMulti());
        for (int i = 0; i < items.getSectionsCount(); i++) {
            parts.add(section(row, uid, i, items.getSections(i), structure));
        }
        return Multi.createBy().concatenating().streams(parts);
    }

    private Multi<FetchResponse> section(MessageRow row, int uid, int index, BodySection section, BodyPart structure) {
        if (section.getBinary() && structure != null) {
            return decodedSections.section(row, uid, index, section, structure);
        }
        if (structure == null || Section.headerOnly(section)) {
            byte[] header = row.header() == null ? new byte[0] : row.header();
            return Multi.createFrom().iterable(chunks(uid, index, Section.fromHeader(section, header)));
        }
        Section.Plan where = Section.plan(section, structure, row.size());
        if (where instanceof Section.Plan.Fields fields) {
            long to = Math.min(fields.to(), fields.from() + maxHeaderBytes);
            return blobs.stream(row.blob(), fields.from(), to, chunkSize)
                    .collect().in(ByteArrayOutputStream::new, (out, bytes) -> out.write(bytes, 0, bytes.length))
                    .onItem().transformToMulti(out -> Multi.createFrom().iterable(
                            chunks(uid, index, Section.pickFields(section, fields, out.toByteArray()))));
        }
        Section.Plan.Range range = (Section.Plan.Range) where;
        long total = range.length();
        if (total == 0) {
            return Multi.createFrom().item(emptySection(uid, index));
        }
        long[] sent = {0};
        return blobs.stream(row.blob(), range.from(), range.to(), chunkSize).map(bytes -> {
            SectionChunk.Builder chunk = SectionChunk.newBuilder()
                    .setSectionIndex(index)
                    // the array is this chunk's own and never written again, so the message can share it
                    .setData(UnsafeByteOperations.unsafeWrap(bytes))
                    .setLast(sent[0] + bytes.length == total);
            if (sent[0] == 0) {
                chunk.setTotalSize(total);
            }
            sent[0] += bytes.length;
            return FetchResponse.newBuilder().setUid(uid).setChunk(chunk).build();
        });
    }

    static FetchResponse emptySection(int uid, int index) {
        return FetchResponse.newBuilder().setUid(uid).setChunk(SectionChunk.newBuilder()
                .setSectionIndex(index).setTotalSize(0).setData(ByteString.EMPTY).setLast(true)).build();
    }

    /** A section at hand (a header, small) in chunks. */
    private List<FetchResponse> chunks(int uid, int index, Section.Slice slice) {
        List<FetchResponse> out = new ArrayList<>();
        chunks(uid, index, slice, out);
        return out;
    }

    private void chunks(int uid, int index, Section.Slice slice, List<FetchResponse> out) {
        int total = slice.length();
        if (total == 0) {
            out.add(emptySection(uid, index));
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
        if (items.getPreview() && row.preview() != null) {
            a.setPreview(row.preview());
        }
        if (items.getEmailId()) {
            a.setEmailId(io.mailserver.storage.message.model.EmailId.of(row.blob()));
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
