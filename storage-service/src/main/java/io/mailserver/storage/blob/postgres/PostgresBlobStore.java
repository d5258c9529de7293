package io.mailserver.storage.blob.postgres;

import io.mailserver.storage.blob.BlobId;
import io.mailserver.storage.blob.BlobStore;
import io.mailserver.storage.blob.CompressedBlob;
import io.mailserver.storage.blob.Compression;
import io.mailserver.storage.metrics.StorageMetrics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** The embedded blob store: bodies in {@code storage.blobs} as bytea. */
@ApplicationScoped
public class PostgresBlobStore implements BlobStore {

    private static final Comparator<BlobId> BY_ID = Comparator.comparing(BlobId::hex);

    private static final Logger LOG = Logger.getLogger(PostgresBlobStore.class);

    private final Pool pool;
    private final StorageMetrics metrics;

    public PostgresBlobStore(Pool pool, StorageMetrics metrics) {
        this.pool = pool;
        this.metrics = metrics;
    }

    @Override
    public Uni<Boolean> put(SqlConnection tx, CompressedBlob blob, int references) {
        Buffer id = Buffer.buffer(blob.id().bytes());
        // Counting up first avoids shipping the content again when it is there already.
        return tx.preparedQuery("UPDATE storage.blobs SET ref_count = ref_count + $2, unreferenced_since = NULL "
                        + "WHERE sha256 = $1 RETURNING 1")
                .execute(Tuple.of(id, references))
                .flatMap(updated -> updated.rowCount() > 0 ? Uni.createFrom().item(true)
                        : putInOneStep(tx, blob, references));
    }

    @Override
    public Uni<Boolean> putInOneStep(SqlConnection tx, CompressedBlob blob, int references) {
        return tx.preparedQuery("INSERT INTO storage.blobs (sha256, content, raw_size, stored_size, ref_count, "
                        + "frame_offsets) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO UPDATE "
                        + "SET ref_count = storage.blobs.ref_count + EXCLUDED.ref_count, unreferenced_since = NULL "
                        + "RETURNING (xmax <> 0) AS existed")
                .execute(Tuple.from(new Object[] {Buffer.buffer(blob.id().bytes()), Buffer.buffer(blob.compressed()),
                        blob.rawSize(), (long) blob.compressed().length, references,
                        Buffer.buffer(Compression.encodeOffsets(blob.frameOffsets()))}))
                .map(rows -> rows.iterator().next().getBoolean("existed"));
    }

    @Override
    public Uni<Void> adjust(SqlConnection tx, Map<BlobId, Integer> deltas) {
        return adjusted(tx, deltas).invoke(counted -> {
            counted.forEach((id, count) -> {
                if (count < 0) {
                    metrics.blobOverRelease();
                    LOG.errorf("blob %s released %d time(s) more than it was referenced; its count stays at 0 and "
                            + "the collector keeps it while any message references it", id.hex(), -count);
                }
            });
            deltas.forEach((id, delta) -> {
                if (delta != 0 && !counted.containsKey(id)) {
                    metrics.blobOverRelease();
                    LOG.errorf("reference count of blob %s changed by %d, but the blob does not exist", id.hex(), delta);
                }
            });
        }).replaceWithVoid();
    }

    /** Applies the deltas; returns per blob the count they make (negative: more released than held). */
    private Uni<Map<BlobId, Long>> adjusted(SqlConnection tx, Map<BlobId, Integer> deltas) {
        List<BlobId> ids = new ArrayList<>();
        deltas.forEach((id, delta) -> {
            if (delta != 0) {
                ids.add(id);
            }
        });
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        ids.sort(BY_ID);
        Buffer[] shas = new Buffer[ids.size()];
        Integer[] counts = new Integer[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            shas[i] = Buffer.buffer(ids.get(i).bytes());
            counts[i] = deltas.get(ids.get(i));
        }
        // The locked rows carry the counts before the update, so the result can tell an over-release.
        // FOR NO KEY UPDATE, taken in key order: it serialises count changes without waiting on the
        // key-share locks a new message row's foreign key takes on its blob (COPY inserts its rows in
        // UID order before counting; FOR UPDATE would let it deadlock with an EXPUNGE of the same
        // content in another account). The collector's FOR UPDATE still excludes both.
        return tx.preparedQuery("WITH locked AS MATERIALIZED ("
                        + "  SELECT sha256, ref_count FROM storage.blobs WHERE sha256 = ANY($1) ORDER BY sha256 "
                        + "FOR NO KEY UPDATE) "
                        + "UPDATE storage.blobs b SET ref_count = GREATEST(0, locked.ref_count + d.delta), "
                        + "  unreferenced_since = CASE WHEN locked.ref_count + d.delta <= 0 THEN now() ELSE NULL END "
                        + "FROM unnest($1::bytea[], $2::int[]) AS d(sha256, delta), locked "
                        + "WHERE b.sha256 = d.sha256 AND locked.sha256 = d.sha256 "
                        + "RETURNING b.sha256, locked.ref_count::bigint + d.delta AS counted")
                .execute(Tuple.of(shas, counts))
                .map(rows -> {
                    Map<BlobId, Long> counted = new HashMap<>();
                    for (Row row : rows) {
                        counted.put(BlobId.of(row.getBuffer("sha256").getBytes()), row.getLong("counted"));
                    }
                    return counted;
                });
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
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT sha256 FROM storage.blobs WHERE ref_count <= 0 "
                                + "AND unreferenced_since < now() - make_interval(secs => $1) "
                                + "ORDER BY sha256 LIMIT $2 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of((double) grace.toMillis() / 1000, batch))
                .flatMap(rows -> {
                    List<Buffer> candidates = new ArrayList<>();
                    rows.forEach(row -> candidates.add(row.getBuffer("sha256").getDelegate()));
                    if (candidates.isEmpty()) {
                        return Uni.createFrom().item(new Collected(0, 0, 0));
                    }
                    // A new statement sees every reference committed until now, and no new one can be
                    // made while these rows are locked (a reference locks its blob row first). A deleted
                    // blob takes its search row (storage.blob_search) with it: ON DELETE CASCADE.
                    return referenceCounts(tx, candidates).flatMap(referenced -> {
                        List<Buffer> orphans = candidates.stream()
                                .filter(sha -> !referenced.containsKey(BlobId.of(sha.getBytes()))).toList();
                        return repair(tx, referenced)
                                .flatMap(ignored -> orphans.isEmpty()
                                        ? Uni.createFrom().item(0)
                                        : tx.preparedQuery("DELETE FROM storage.blobs WHERE sha256 = ANY($1) AND ref_count <= 0")
                                                .execute(Tuple.of((Object) orphans.toArray(Buffer[]::new)))
                                                .map(deleted -> deleted.rowCount()))
                                .map(deleted -> new Collected(candidates.size(), deleted, referenced.size()));
                    });
                }));
    }

    private static Uni<Map<BlobId, Long>> referenceCounts(SqlConnection tx, List<Buffer> shas) {
        // A message row and a queued outbound message each hold one reference.
        return tx.preparedQuery("SELECT blob_sha256, count(*) AS n FROM ("
                        + "SELECT blob_sha256 FROM storage.messages WHERE blob_sha256 = ANY($1) "
                        + "UNION ALL SELECT blob_sha256 FROM storage.outbound_messages WHERE blob_sha256 = ANY($1)) AS r "
                        + "GROUP BY blob_sha256")
                .execute(Tuple.of((Object) shas.toArray(Buffer[]::new)))
                .map(rows -> {
                    Map<BlobId, Long> counts = new HashMap<>();
                    for (Row row : rows) {
                        counts.put(BlobId.of(row.getBuffer("blob_sha256").getBytes()), row.getLong("n"));
                    }
                    return counts;
                });
    }

    /** Sets the counts of blobs found referenced back to the number of rows that reference them. */
    private Uni<Void> repair(SqlConnection tx, Map<BlobId, Long> referenced) {
        if (referenced.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<BlobId> ids = new ArrayList<>(referenced.keySet());
        ids.forEach(id -> {
            metrics.blobCountRepaired();
            LOG.errorf("blob %s had reference count 0 but %d message(s) reference it: count repaired, content kept",
                    id.hex(), referenced.get(id));
        });
        return tx.preparedQuery("UPDATE storage.blobs b SET ref_count = r.n, unreferenced_since = NULL "
                        + "FROM unnest($1::bytea[], $2::int[]) AS r(sha256, n) WHERE b.sha256 = r.sha256")
                .execute(Tuple.of(ids.stream().map(id -> Buffer.buffer(id.bytes())).toArray(Buffer[]::new),
                        ids.stream().map(id -> (int) Math.min(Integer.MAX_VALUE, referenced.get(id))).toArray(Integer[]::new)))
                .replaceWithVoid();
    }
}
