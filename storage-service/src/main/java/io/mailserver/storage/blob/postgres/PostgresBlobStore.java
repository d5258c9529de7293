package io.mailserver.storage.blob.postgres;

import io.mailserver.storage.blob.BlobId;
import io.mailserver.storage.blob.BlobStore;
import io.mailserver.storage.blob.CompressedBlob;
import io.mailserver.storage.blob.Compression;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The embedded blob store: bodies in {@code storage.blobs} as bytea. */
@ApplicationScoped
public class PostgresBlobStore implements BlobStore {

    private static final Comparator<BlobId> BY_ID = Comparator.comparing(BlobId::hex);

    private final Pool pool;

    public PostgresBlobStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Boolean> put(SqlConnection tx, CompressedBlob blob) {
        // Looking first avoids shipping the content again when it is there already.
        return tx.preparedQuery("SELECT 1 FROM storage.blobs WHERE sha256 = $1")
                .execute(Tuple.of(Buffer.buffer(blob.id().bytes())))
                .flatMap(found -> found.rowCount() > 0 ? Uni.createFrom().item(true) : putInOneStep(tx, blob));
    }

    @Override
    public Uni<Boolean> putInOneStep(SqlConnection tx, CompressedBlob blob) {
        // DO NOTHING locks no row that is there; one a concurrent transaction is inserting is waited for.
        return tx.preparedQuery("INSERT INTO storage.blobs (sha256, content, raw_size, stored_size, frame_offsets) "
                        + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING RETURNING 1")
                .execute(Tuple.from(new Object[] {Buffer.buffer(blob.id().bytes()), Buffer.buffer(blob.compressed()),
                        blob.rawSize(), (long) blob.compressed().length,
                        Buffer.buffer(Compression.encodeOffsets(blob.frameOffsets()))}))
                .map(inserted -> inserted.rowCount() == 0);
    }

    @Override
    public Uni<Void> release(SqlConnection tx, Collection<BlobId> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("INSERT INTO storage.blob_releases (sha256) SELECT unnest($1::bytea[])")
                .execute(Tuple.of((Object) shas(ids)))
                .replaceWithVoid();
    }

    @Override
    public Multi<byte[]> stream(BlobId id, long from, long to, int chunkSize) {
        if (to <= from) {
            return Multi.createFrom().empty();
        }
        // Demand-driven: each request reads one chunk, on a worker thread (the reads block).
        return Multi.createFrom().resource(() -> new BlobRangeReader(pool, id, from, to, chunkSize),
                        reader -> Multi.createFrom().<BlobRangeReader, byte[]>generator(() -> reader, (r, emitter) -> {
                            try {
                                byte[] chunk = r.next();
                                if (chunk == null) {
                                    emitter.complete();
                                } else {
                                    emitter.emit(chunk);
                                }
                            } catch (IOException | RuntimeException e) {
                                emitter.fail(e);
                            }
                            return r;
                        }))
                .withFinalizer(BlobRangeReader::close)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Override
    public Uni<Collected> collect(Duration grace, int batch) {
        return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM storage.blob_releases r USING ("
                                + "SELECT ctid FROM storage.blob_releases "
                                + "WHERE released_at < now() - make_interval(secs => $1) "
                                + "ORDER BY released_at LIMIT $2 FOR UPDATE SKIP LOCKED) AS c "
                                + "WHERE r.ctid = c.ctid RETURNING r.sha256")
                .execute(Tuple.of((double) grace.toMillis() / 1000, batch))
                .flatMap(taken -> {
                    Set<BlobId> candidates = new TreeSet<>(BY_ID);
                    taken.forEach(row -> candidates.add(BlobId.of(row.getBuffer("sha256").getBytes())));
                    if (candidates.isEmpty()) {
                        return Uni.createFrom().item(new Collected(taken.rowCount(), 0, 0));
                    }
                    // A row a reference is being inserted for is held (key share) until that commits:
                    // skipped, not waited for, so that the collector never holds up a writer.
                    return tx.preparedQuery("SELECT sha256 FROM storage.blobs WHERE sha256 = ANY($1) ORDER BY sha256 "
                                    + "FOR UPDATE SKIP LOCKED")
                            .execute(Tuple.of((Object) shas(candidates)))
                            .flatMap(lockedRows -> {
                                List<BlobId> locked = ids(lockedRows, "sha256");
                                Set<BlobId> lockedSet = new HashSet<>(locked);
                                List<BlobId> rest = candidates.stream().filter(id -> !lockedSet.contains(id)).toList();
                                return releaseBusy(tx, rest).flatMap(busy -> deleteOrphans(tx, locked)
                                        .map(deleted -> new Collected(taken.rowCount(), deleted,
                                                locked.size() - deleted + busy)));
                            });
                }));
    }

    /** Candidates not locked: those still there are held by a writer, and are released again. */
    private static Uni<Integer> releaseBusy(SqlConnection tx, List<BlobId> notLocked) {
        if (notLocked.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return tx.preparedQuery("INSERT INTO storage.blob_releases (sha256) "
                        + "SELECT sha256 FROM storage.blobs WHERE sha256 = ANY($1)")
                .execute(Tuple.of((Object) shas(notLocked)))
                .map(inserted -> inserted.rowCount());
    }

    /**
     * Deletes the locked blobs nothing references. A new statement sees every reference committed
     * until now, and no new one can be made while the rows are locked (a reference's foreign key
     * waits for the lock, and fails if the row is then gone). A deleted blob takes its search row
     * (storage.blob_search) with it: ON DELETE CASCADE.
     */
    private static Uni<Integer> deleteOrphans(SqlConnection tx, List<BlobId> locked) {
        if (locked.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return referenced(tx, locked).flatMap(referenced -> {
            List<BlobId> orphans = locked.stream().filter(id -> !referenced.contains(id)).toList();
            return orphans.isEmpty() ? Uni.createFrom().item(0)
                    : tx.preparedQuery("DELETE FROM storage.blobs WHERE sha256 = ANY($1)")
                            .execute(Tuple.of((Object) shas(orphans)))
                            .map(deleted -> deleted.rowCount());
        });
    }

    private static Uni<Set<BlobId>> referenced(SqlConnection tx, List<BlobId> ids) {
        // A message row or a queued outbound message: the first found is enough (a newsletter's body
        // may have a hundred thousand rows, and a MOVE releases a body that stays referenced).
        return tx.preparedQuery("SELECT c.sha256 FROM unnest($1::bytea[]) AS c(sha256) "
                        + "WHERE EXISTS (SELECT 1 FROM storage.messages m WHERE m.blob_sha256 = c.sha256) "
                        + "OR EXISTS (SELECT 1 FROM storage.outbound_messages o WHERE o.blob_sha256 = c.sha256)")
                .execute(Tuple.of((Object) shas(ids)))
                .map(rows -> new HashSet<>(ids(rows, "sha256")));
    }

    private static Buffer[] shas(Collection<BlobId> ids) {
        return ids.stream().map(id -> Buffer.buffer(id.bytes())).toArray(Buffer[]::new);
    }

    private static List<BlobId> ids(RowSet<Row> rows, String column) {
        List<BlobId> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(BlobId.of(row.getBuffer(column).getBytes())));
        return ids;
    }
}
