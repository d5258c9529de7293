package io.mailserver.imap.session;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One connection's RFC 4978 COMPRESS=DEFLATE: raw deflate (RFC 1951) both ways.
 *
 * <p>Incoming octets are queued compressed and inflated a step at a time, only as the connection
 * has room for them, so a small input that inflates to gigabytes costs no more memory than a
 * plain one. Outgoing data is deflated and sync-flushed per write by a deflater borrowed from a
 * shared pool and reset after: each write stands alone (no history across writes), which costs some
 * ratio but keeps an idle compressed connection at the inflater's 32 KiB window instead of a
 * deflater's ~260 KiB of native memory. A reset deflater's output is a valid continuation: the
 * previous write ended on a sync flush, a byte boundary with no final block.
 */
final class DeflateCompression {

    private static final ConcurrentLinkedQueue<Deflater> DEFLATERS = new ConcurrentLinkedQueue<>();
    /** Deflaters kept for reuse; more are ended after use. */
    private static final int POOLED = 64;

    private final Inflater inflater = new Inflater(true);
    private final ArrayDeque<byte[]> queued = new ArrayDeque<>();
    /** After {@link #end()} the inflater is gone: nothing is pending any more. */
    private boolean ended;

    /** Queues compressed input. */
    void received(Buffer compressed) {
        if (!ended) {
            queued.add(compressed.getBytes());
        }
    }

    /** Whether compressed input waits to be inflated. */
    boolean pending() {
        return !ended && (!queued.isEmpty() || !inflater.needsInput());
    }

    /**
     * Inflates at most {@code max} octets of what is queued; empty when more input is needed.
     *
     * @throws DataFormatException on input that is not a raw deflate stream, or one the client ended
     */
    Buffer inflate(int max) throws DataFormatException {
        byte[] out = new byte[max];
        int n = 0;
        while (n < max) {
            if (inflater.finished()) {
                throw new DataFormatException("the deflate stream ended");
            }
            if (inflater.needsInput()) {
                if (queued.isEmpty()) {
                    break;
                }
                inflater.setInput(queued.poll());
            }
            int got = inflater.inflate(out, n, max - n);
            if (got == 0 && !inflater.needsInput() && !inflater.finished()) {
                // a preset dictionary, which IMAP's raw deflate never has
                throw new DataFormatException("unexpected deflate state");
            }
            n += got;
        }
        return Buffer.buffer(n == max ? out : Arrays.copyOf(out, n));
    }

    /** The deflated, sync-flushed form of {@code plain}. */
    static Buffer deflate(Buffer plain) {
        Deflater deflater = DEFLATERS.poll();
        if (deflater == null) {
            deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        }
        try {
            deflater.setInput(plain.getBytes());
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, plain.length() / 2));
            byte[] step = new byte[8192];
            int n;
            // SYNC_FLUSH is complete once a call leaves room in the output buffer
            do {
                n = deflater.deflate(step, 0, step.length, Deflater.SYNC_FLUSH);
                out.write(step, 0, n);
            } while (n == step.length);
            return Buffer.buffer(out.toByteArray());
        } finally {
            deflater.reset();
            if (DEFLATERS.size() < POOLED) {
                DEFLATERS.add(deflater);
            } else {
                deflater.end();
            }
        }
    }

    void end() {
        if (!ended) {
            ended = true;
            inflater.end();
            queued.clear();
        }
    }
}
