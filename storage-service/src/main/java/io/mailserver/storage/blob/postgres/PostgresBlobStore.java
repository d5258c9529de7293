package io.mailserver.storage.blob.postgres;

import io.mailserver.storage.blob.BlobId;
import io.mailserver.storage.blob.BlobStore;
import io.mailserver.storage.blob.CompressedBlob;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The embedded blob store: bodies in {@code storage.blobs} as bytea. */
@ApplicationScoped
public class PostgresBlobStore implements BlobStore {

    private static final Comparator<BlobId> BY_ID = Comparator.comparing(BlobId::hex);

    private final Pool pool;

    public PostgresBlobStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Boolean> put(SqlConnection tx, CompressedBlob blob, int references) {
        Buffer id = Buffer.buffer(blob.id().bytes());
        // Counting up first avoids shipping the content again when it is there already.
        return tx.preparedQuery("UPDATE storage.blobs SET ref_count = ref_count + $2, unreferenced_since = NULL "
                        + "WHERE sha256 = $1 RETURNING 1")
                .execute(Tuple.of(id, references))
                .flatMap(updated -> {
                    if (updated.rowCount() > 0) {
                        return Uni.createFrom().item(true);
                    }
                    return tx.preparedQuery("INSERT INTO storage.blobs (sha256, content, raw_size, stored_size, ref_count) "
                                    + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO UPDATE "
                                    + "SET ref_count = storage.blobs.ref_count + EXCLUDED.ref_count, unreferenced_since = NULL "
                                    + "RETURNING (xmax <> 0) AS existed")
                            .execute(Tuple.of(id, Buffer.buffer(blob.compressed()), blob.rawSize(),
                                    (long) blob.compressed().length, references))
                            .map(rows -> rows.iterator().next().getBoolean("existed"));
                });
    }

    @Override
    public Uni<Void> adjust(SqlConnection tx, Map<BlobId, Integer> deltas) {
        List<BlobId> ids = new ArrayList<>();
        deltas.forEach((id, delta) -> {
            if (delta != 0) {
                ids.add(id);
            }
        });
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ids.sort(BY_ID);
        Buffer[] shas = new Buffer[ids.size()];
        Integer[] counts = new Integer[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            shas[i] = Buffer.buffer(ids.get(i).bytes());
            counts[i] = deltas.get(ids.get(i));
        }
        return tx.preparedQuery("WITH locked AS MATERIALIZED ("
                        + "  SELECT sha256 FROM storage.blobs WHERE sha256 = ANY($1) ORDER BY sha256 FOR UPDATE) "
                        + "UPDATE storage.blobs b SET ref_count = GREATEST(0, b.ref_count + d.delta), "
                        + "  unreferenced_since = CASE WHEN b.ref_count + d.delta <= 0 THEN now() ELSE NULL END "
                        + "FROM unnest($1::bytea[], $2::int[]) AS d(sha256, delta), locked "
                        + "WHERE b.sha256 = d.sha256 AND locked.sha256 = d.sha256")
                .execute(Tuple.of(shas, counts))
                .replaceWithVoid();
    }

    @Override
    public Uni<Map<BlobId, CompressedBlob>> read(Collection<BlobId> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Buffer[] shas = ids.stream().distinct().map(id -> Buffer.buffer(id.bytes())).toArray(Buffer[]::new);
        return pool.preparedQuery("SELECT sha256, content, raw_size FROM storage.blobs WHERE sha256 = ANY($1)")
                .execute(Tuple.of((Object) shas))
                .map(rows -> {
                    Map<BlobId, CompressedBlob> found = new HashMap<>();
                    for (Row row : rows) {
                        BlobId id = BlobId.of(row.getBuffer("sha256").getBytes());
                        found.put(id, new CompressedBlob(id, row.getBuffer("content").getBytes(), row.getLong("raw_size")));
                    }
                    return found;
                });
    }

    @Override
    public Uni<Integer> collect(Duration grace, int batch) {
        return pool.preparedQuery("DELETE FROM storage.blobs WHERE sha256 IN ("
                        + "  SELECT sha256 FROM storage.blobs WHERE ref_count <= 0 "
                        + "  AND unreferenced_since < now() - make_interval(secs => $1) "
                        + "  LIMIT $2 FOR UPDATE SKIP LOCKED) AND ref_count <= 0")
                .execute(Tuple.of((double) grace.toSeconds(), batch))
                .map(rows -> rows.rowCount());
    }
}
