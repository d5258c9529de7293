package io.mailserver.storage.message.service;

import io.mailserver.storage.blob.BlobId;
import io.mailserver.storage.blob.BlobStore;
import io.mailserver.storage.ingest.IngestedMessage;
import io.mailserver.storage.mailbox.model.MailboxRow;
import io.mailserver.storage.mailbox.repository.MailboxDelta;
import io.mailserver.storage.mailbox.repository.MailboxRepository;
import io.mailserver.storage.message.model.Flags;
import io.mailserver.storage.message.model.SystemFlag;
import io.mailserver.storage.message.repository.MessageRepository;
import io.mailserver.storage.message.repository.NewMessage;
import io.mailserver.storage.metrics.StorageMetrics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Writes the copies of one ingested message (Deliver: one per recipient; Append: one) inside the
 * caller's transaction: adds the blob with one reference per copy and the content's search row,
 * then locks each target mailbox in (account, mailbox) order while allocating its UIDs and one
 * MODSEQ, and inserts the rows.
 */
@ApplicationScoped
public class MessageWriter {

    private final MailboxRepository mailboxes;
    private final MessageRepository messages;
    private final BlobStore blobs;

    public MessageWriter(MailboxRepository mailboxes, MessageRepository messages, BlobStore blobs) {
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.blobs = blobs;
    }

    /** Where one copy goes. */
    public record Target(long accountId, long mailboxId, Flags flags) {
    }

    /** Where one copy went: the mailbox after the write and the copy's UID and MODSEQ. */
    public record Placed(MailboxRow mailbox, long uid, long modseq) {
    }

    /**
     * Per target in the given order, plus each changed mailbox once, and the blob this write stored
     * or found already there (none when {@link #referenceBlobs} did it). What was stored is counted
     * by the caller after commit ({@link StorageMetrics#blobsStored}): a transaction that runs again
     * or rolls back stores nothing the first time.
     */
    public record Written(List<Placed> placed, List<MailboxRow> changed, List<StoredBlob> stored) {
    }

    /** A blob a write referenced: found already there (deduplicated), or written with these sizes. */
    public record StoredBlob(boolean deduplicated, long rawBytes, long storedBytes) {
    }

    private record Key(long accountId, long mailboxId) {
    }

    public Uni<Written> write(SqlConnection tx, IngestedMessage message, OffsetDateTime internalDate, int offsetMinutes,
            List<Target> targets) {
        return withSearchRow(tx, message, put(tx, message))
                .flatMap(stored -> place(tx, message, internalDate, offsetMinutes, targets, stored));
    }

    /**
     * The part of {@link #write} that takes no mailbox lock: the blob, and the content's search row
     * (the costliest statement of a delivery, for its trigram indexes).
     * {@link #place} then writes the copies. Apart, a caller can store the content of several
     * messages before it locks their mailbox, and hold the lock only for UIDs, rows and commit. The
     * blob goes in one statement ({@link BlobStore#putInOneStep}), so that a batch whose members'
     * statements are pipelined inserts every new blob, then every search row, in the order it sends them.
     */
    public Uni<List<StoredBlob>> storeContent(SqlConnection tx, IngestedMessage message) {
        return withSearchRow(tx, message, blobs.putInOneStep(tx, message.blob())
                .map(deduplicated -> stored(message, deduplicated)));
    }

    private Uni<List<StoredBlob>> withSearchRow(SqlConnection tx, IngestedMessage message, Uni<StoredBlob> blob) {
        return blob.map(List::of).call(() -> messages.insertSearch(tx, message));
    }

    /**
     * Stores the blobs of several messages, each once and in key order; their rows are then written
     * with {@link #writeReferenced}. Two transactions inserting the same new blobs wait for each
     * other key by key, so in one order they cannot deadlock.
     */
    public Uni<List<StoredBlob>> referenceBlobs(SqlConnection tx, List<IngestedMessage> batch) {
        Map<BlobId, IngestedMessage> byBlob = new TreeMap<>(Comparator.comparing(BlobId::hex));
        for (IngestedMessage message : batch) {
            byBlob.putIfAbsent(message.blob().id(), message);
        }
        return Multi.createFrom().iterable(byBlob.values())
                .onItem().transformToUniAndConcatenate(message -> put(tx, message))
                .collect().asList();
    }

    private Uni<StoredBlob> put(SqlConnection tx, IngestedMessage message) {
        return blobs.put(tx, message.blob()).map(deduplicated -> stored(message, deduplicated));
    }

    private static StoredBlob stored(IngestedMessage message, boolean deduplicated) {
        return new StoredBlob(deduplicated, message.blob().rawSize(), message.blob().compressed().length);
    }

    /** {@link #write} of a message whose blob {@link #referenceBlobs} stored. */
    public Uni<Written> writeReferenced(SqlConnection tx, IngestedMessage message, OffsetDateTime internalDate,
            int offsetMinutes, List<Target> targets) {
        return messages.insertSearch(tx, message)
                .flatMap(ignored -> place(tx, message, internalDate, offsetMinutes, targets, List.of()));
    }

    /**
     * The copies of a message whose content is stored ({@link #storeContent}, or {@link #referenceBlobs}
     * and its search row): locks each target mailbox in (account, mailbox) order while allocating its
     * UIDs and one MODSEQ, and inserts the rows.
     *
     * @param stored what storing the content stored, handed on in {@link Written#stored}
     */
    public Uni<Written> place(SqlConnection tx, IngestedMessage message, OffsetDateTime internalDate, int offsetMinutes,
            List<Target> targets, List<StoredBlob> stored) {
        return place(tx, message, internalDate, offsetMinutes, targets, stored, placed -> Uni.createFrom().voidItem());
    }

    /**
     * {@link #place}, with {@code alongside}'s statement sent together with the rows' insert once the
     * copies have their UIDs: the connection pipelines the two, so a caller that records the copies
     * (a delivery id's result) waits for one round trip instead of two.
     */
    public Uni<Written> place(SqlConnection tx, IngestedMessage message, OffsetDateTime internalDate, int offsetMinutes,
            List<Target> targets, List<StoredBlob> stored, Function<List<Placed>, Uni<Void>> alongside) {
        Map<Key, List<Integer>> byMailbox = new TreeMap<>(
                Comparator.comparingLong(Key::accountId).thenComparingLong(Key::mailboxId));
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            byMailbox.computeIfAbsent(new Key(t.accountId(), t.mailboxId()), k -> new ArrayList<>()).add(i);
        }
        Placed[] placed = new Placed[targets.size()];
        List<MailboxRow> changed = new ArrayList<>();
        return Multi.createFrom().iterable(byMailbox.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> {
                    List<Integer> indexes = entry.getValue();
                    long n = indexes.size();
                    long unseen = indexes.stream().filter(i -> !targets.get(i).flags().has(SystemFlag.SEEN)).count();
                    long deleted = indexes.stream().filter(i -> targets.get(i).flags().has(SystemFlag.DELETED)).count();
                    MailboxDelta delta = new MailboxDelta(n, true, n, unseen, deleted, n * message.size());
                    return mailboxes.apply(tx, entry.getKey().accountId(), entry.getKey().mailboxId(), delta)
                            .invoke(after -> {
                                changed.add(after);
                                long uid = after.uidNext() - n;
                                for (int i : indexes) {
                                    placed[i] = new Placed(after, uid++, after.highestModseq());
                                }
                            });
                })
                .collect().last()
                .flatMap(ignored -> {
                    List<NewMessage> rows = new ArrayList<>(targets.size());
                    for (int i = 0; i < targets.size(); i++) {
                        Target t = targets.get(i);
                        if (placed[i].uid() > 0xFFFF_FFFFL) {
                            return Uni.createFrom().failure(io.mailserver.storage.failure.StorageException
                                    .failedPrecondition("mailbox has run out of UIDs"));
                        }
                        rows.add(new NewMessage(t.accountId(), t.mailboxId(), placed[i].uid(), placed[i].modseq(), t.flags()));
                    }
                    List<Placed> copies = List.of(placed);
                    return Uni.combine().all().unis(messages.insert(tx, message, internalDate, offsetMinutes, rows),
                                    alongside.apply(copies)).discardItems()
                            .map(done -> new Written(copies, List.copyOf(changed), stored));
                });
    }
}
