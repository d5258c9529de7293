package io.mailserver.storage.blob;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.Collection;

/**
 * Content-addressed message bodies. A body is referenced by the rows that name it (message rows and
 * queued outbound messages, each through a foreign key), not by a count: a count on the blob's row
 * made every APPEND, COPY and EXPUNGE of one content wait for each other on that row, across
 * accounts (a newsletter delivered in separate sessions, or imaptest's six bodies). Removing a
 * reference records the blob as a candidate ({@link #release}); the collector deletes a candidate
 * only if nothing references it, checked under the row's lock in the deleting transaction.
 * The embedded default keeps bodies in PostgreSQL ({@code bytea}); an S3-compatible store would
 * upload the content before the transaction and keep only the rows in it, which is why nothing
 * outside this package touches the blobs table.
 */
public interface BlobStore {

    /**
     * Stores the blob unless it is there already. It takes no lock on a blob that is there: the
     * reference the caller then inserts holds it through its foreign key (a key-share lock, which
     * concurrent references share). Should the collector delete the blob between the two, the
     * reference fails with a foreign-key violation on the blob, which {@code RetriedTransaction}
     * runs again from the start (and this then stores the content anew).
     *
     * @return whether the content was there already (a deduplicated store)
     */
    Uni<Boolean> put(SqlConnection tx, CompressedBlob blob);

    /**
     * {@link #put} in one statement, which sends the content even when it is there already. For
     * writers whose statements are pipelined in a set order (a batch of deliveries): a new blob's
     * key is then taken by the first statement that names it, in the order sent.
     */
    Uni<Boolean> putInOneStep(SqlConnection tx, CompressedBlob blob);

    /**
     * Records that references to these blobs were removed (expunge, mailbox or account deleted,
     * outbound message done), in the caller's transaction. Each becomes a candidate for the
     * collector after the grace period; one still referenced then is kept. An insert of rows of
     * their own, so that concurrent releases of one blob do not wait on each other.
     */
    Uni<Void> release(SqlConnection tx, Collection<BlobId> ids);

    /**
     * Raw bytes {@code [from, to)} of a body, in chunks of at most {@code chunkSize}, decompressed as
     * they are asked for: nothing is read ahead of demand, and no more than a chunk and a compression
     * frame are held at a time, whatever the size of the body.
     */
    Multi<byte[]> stream(BlobId id, long from, long to, int chunkSize);

    /**
     * One batch of the collector: takes candidates released longer than {@code grace} ago and deletes
     * those blobs no message row or queued outbound message references, checked under the blob
     * row's lock in the transaction that deletes them. A candidate whose row another transaction
     * holds (a reference being inserted) is released again, to be looked at after another grace.
     */
    Uni<Collected> collect(Duration grace, int batch);

    /**
     * @param examined candidates taken in this batch (fewer than the batch size: nothing is left)
     * @param deleted  blobs deleted
     * @param kept     distinct blobs found still referenced, or busy and released again
     */
    record Collected(int examined, int deleted, int kept) {
    }
}
