package io.mailserver.storage.blob.postgres;

import io.airlift.compress.zstd.ZstdInputStream;
import io.mailserver.storage.blob.BlobId;
import io.mailserver.storage.blob.Compression;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;

/**
 * Reads raw bytes {@code [from, to)} of one stored body, a chunk per {@link #next()}: the compressed
 * bytes are fetched from PostgreSQL a piece at a time ({@code substring} of the uncompressed-TOAST
 * column touches only the pages it needs), decompressed as they stream, starting at the frame that
 * holds {@code from}. Holds at most one piece, one frame's window and one chunk, whatever the size
 * of the body. Blocking: runs on a worker thread.
 */
final class BlobRangeReader implements AutoCloseable {

    /** Compressed bytes fetched per query. */
    static final int PIECE = 256 * 1024;
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final BlobId id;
    private final long from;
    private final long to;
    private final int chunkSize;
    private InputStream raw;
    private long position;

    BlobRangeReader(Pool pool, BlobId id, long from, long to, int chunkSize) {
        this.pool = pool;
        this.id = id;
        this.from = from;
        this.to = to;
        this.chunkSize = chunkSize;
    }

    /** The next chunk, or null at the end of the range. */
    byte[] next() throws IOException {
        if (raw == null) {
            open();
        }
        if (position >= to) {
            return null;
        }
        int wanted = (int) Math.min(chunkSize, to - position);
        byte[] chunk = raw.readNBytes(wanted);
        if (chunk.length < wanted) {
            throw new IOException("blob " + id.hex() + " ends before byte " + to);
        }
        position += chunk.length;
        return chunk;
    }

    private void open() throws IOException {
        RowSet<Row> rows = pool.preparedQuery("SELECT raw_size, stored_size, frame_offsets FROM storage.blobs WHERE sha256 = $1")
                .execute(Tuple.of(Buffer.buffer(id.bytes()))).await().atMost(QUERY_TIMEOUT);
        Iterator<Row> it = rows.iterator();
        if (!it.hasNext()) {
            throw new IOException("blob " + id.hex() + " of a message is missing");
        }
        Row row = it.next();
        long storedSize = row.getLong("stored_size");
        var encoded = row.getBuffer("frame_offsets");
        long[] frames = Compression.decodeOffsets(encoded == null ? null : encoded.getBytes());
        // Without an index the body is one frame: read it from its start.
        int first = frames.length == 0 ? 0 : (int) Math.min(frames.length - 1, from / Compression.FRAME_SIZE);
        long compressedFrom = frames.length == 0 ? 0 : frames[first];
        int last = frames.length == 0 ? 0 : (int) Math.min(frames.length - 1, Math.max(0, to - 1) / Compression.FRAME_SIZE);
        long compressedTo = frames.length == 0 || last + 1 >= frames.length ? storedSize : frames[last + 1];
        position = frames.length == 0 ? 0 : (long) first * Compression.FRAME_SIZE;
        raw = new ZstdInputStream(new Pieces(compressedFrom, compressedTo));
        raw.skipNBytes(from - position);
        position = from;
    }

    @Override
    public void close() {
        if (raw != null) {
            try {
                raw.close();
            } catch (IOException e) {
                // nothing held but memory
            }
        }
    }

    /** The compressed bytes {@code [from, to)}, fetched a piece at a time as they are read. */
    private final class Pieces extends InputStream {
        private long next;
        private final long end;
        private byte[] piece = new byte[0];
        private int offset;

        Pieces(long from, long to) {
            this.next = from;
            this.end = to;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return piece[offset++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, piece.length - offset);
            System.arraycopy(piece, offset, b, off, n);
            offset += n;
            return n;
        }

        private boolean fill() throws IOException {
            if (offset < piece.length) {
                return true;
            }
            if (next >= end) {
                return false;
            }
            int length = (int) Math.min(PIECE, end - next);
            try {
                // substring counts from 1
                RowSet<Row> rows = pool.preparedQuery("SELECT substring(content FROM $2 FOR $3) AS piece FROM storage.blobs "
                                + "WHERE sha256 = $1")
                        .execute(Tuple.of(Buffer.buffer(id.bytes()), next + 1, length)).await().atMost(QUERY_TIMEOUT);
                Iterator<Row> it = rows.iterator();
                if (!it.hasNext()) {
                    throw new IOException("blob " + id.hex() + " vanished while being read");
                }
                piece = it.next().getBuffer("piece").getBytes();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (piece.length == 0) {
                throw new IOException("blob " + id.hex() + " is shorter than recorded");
            }
            offset = 0;
            next += piece.length;
            return true;
        }
    }
}
