package io.mailserver.storage.blob;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.Map;

/**
 * Content-addressed message bodies with reference counts. Reference changes join the caller's
 * transaction, so a message row and the reference it holds commit together. The embedded default
 * keeps bodies in PostgreSQL ({@code bytea}); an S3-compatible store would upload the content before
 * the transaction and keep only the counts in it, which is why content and counts are separate calls
 * here and nothing outside this package touches the blobs table.
 */
public interface BlobStore {

    /**
     * Stores the blob unless it is there already, and adds {@code references} to its count.
     *
     * @return whether the content was there already (a deduplicated store)
     */
    Uni<Boolean> put(SqlConnection tx, CompressedBlob blob, int references);

    /**
     * {@link #put} in one statement, which sends the content even when it is there already. For
     * writers whose statements are pipelined in a set order (a batch of deliveries): each blob row is
     * then taken by the first statement that names it, so rows are locked in the order sent.
     */
    Uni<Boolean> putInOneStep(SqlConnection tx, CompressedBlob blob, int references);

    /**
     * Adds (copies) or removes (expunge, delete) references. Rows are locked in id order, so concurrent
     * transactions touching the same blobs cannot deadlock each other. Releasing more references than
     * a blob has is an accounting error: it is logged and counted, and the count stays at zero; it
     * cannot cost the content, because {@link #collect} deletes only what no message references.
     */
    Uni<Void> adjust(SqlConnection tx, Map<BlobId, Integer> deltas);

    /**
     * Raw bytes {@code [from, to)} of a body, in chunks of at most {@code chunkSize}, decompressed as
     * they are asked for: nothing is read ahead of demand, and no more than a chunk and a compression
     * frame are held at a time, whatever the size of the body.
     */
    Multi<byte[]> stream(BlobId id, long from, long to, int chunkSize);

    /**
     * One batch of the collector: deletes blobs whose count has been zero for longer than
     * {@code grace} and that no message row or queued outbound message references, checked in the same transaction that deletes
     * them (the count is a hint, not the truth). A candidate that is still referenced has its count
     * repaired instead, and that drift is logged and counted.
     */
    Uni<Collected> collect(Duration grace, int batch);

    /**
     * @param examined candidates looked at in this batch (fewer than the batch size: nothing is left)
     * @param deleted  blobs deleted
     * @param repaired candidates found still referenced, whose count was set back to the truth
     */
    record Collected(int examined, int deleted, int repaired) {
    }
}
