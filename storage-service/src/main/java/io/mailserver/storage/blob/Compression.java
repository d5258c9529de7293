package io.mailserver.storage.blob;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * zstd (RFC 8878 frames) for message bodies, in pure Java: the frames are the ones the zstd tool and
 * every other zstd library read and write, but no native library is unpacked at start and a native
 * image needs no JNI or FFM registration (docs/adr/0006). CPU-bound: call on a worker thread.
 *
 * <p>A body is compressed as a sequence of independent frames of {@link #FRAME_SIZE} raw bytes each,
 * concatenated (still one valid zstd stream), with the compressed offset where each frame starts: a
 * reader that wants bytes from the middle starts at the frame that holds them instead of
 * decompressing everything before, and never holds more than a frame's window.
 */
public final class Compression {

    /** Raw bytes per frame. */
    public static final int FRAME_SIZE = 1 << 20;

    private Compression() {
    }

    /** A body compressed: the frames concatenated, and where each starts in them. */
    public record Framed(byte[] compressed, long[] frameOffsets) {
    }

    public static Framed compress(byte[] raw) {
        ZstdCompressor compressor = new ZstdCompressor();
        int frames = Math.max(1, (raw.length + FRAME_SIZE - 1) / FRAME_SIZE);
        long[] offsets = new long[frames];
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 3));
        byte[] buffer = new byte[compressor.maxCompressedLength(Math.min(raw.length, FRAME_SIZE))];
        for (int frame = 0; frame < frames; frame++) {
            int from = frame * FRAME_SIZE;
            int length = Math.min(FRAME_SIZE, raw.length - from);
            offsets[frame] = out.size();
            int written = compressor.compress(raw, from, length, buffer, 0, buffer.length);
            out.write(buffer, 0, written);
        }
        return new Framed(out.toByteArray(), offsets);
    }

    /** The whole body at once (tests and small bodies; readers of stored bodies stream instead). */
    public static byte[] decompress(CompressedBlob blob) {
        if (blob.rawSize() > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("blob too large to decompress: " + blob.id());
        }
        byte[] raw = new byte[(int) blob.rawSize()];
        int length;
        try {
            // a decompressor keeps per-frame buffers, so one per call rather than a shared one
            length = new ZstdDecompressor().decompress(blob.compressed(), 0, blob.compressed().length, raw, 0, raw.length);
        } catch (MalformedInputException e) {
            throw new IllegalStateException("blob " + blob.id() + " is not a valid zstd stream", e);
        }
        if (length != raw.length) {
            throw new IllegalStateException("blob " + blob.id() + " decompressed to an unexpected size");
        }
        return raw;
    }

    /** Encodes frame offsets for storage: 8 bytes each, big-endian. */
    public static byte[] encodeOffsets(long[] offsets) {
        byte[] out = new byte[offsets.length * 8];
        for (int i = 0; i < offsets.length; i++) {
            for (int b = 0; b < 8; b++) {
                out[i * 8 + b] = (byte) (offsets[i] >>> (56 - 8 * b));
            }
        }
        return out;
    }

    /** The frame offsets stored by {@link #encodeOffsets}; empty for a body stored as one frame. */
    public static long[] decodeOffsets(byte[] encoded) {
        if (encoded == null || encoded.length % 8 != 0) {
            return new long[0];
        }
        long[] offsets = new long[encoded.length / 8];
        for (int i = 0; i < offsets.length; i++) {
            long value = 0;
            for (int b = 0; b < 8; b++) {
                value = (value << 8) | (encoded[i * 8 + b] & 0xff);
            }
            offsets[i] = value;
        }
        return offsets;
    }

    static long[] copy(long[] offsets) {
        return offsets == null ? new long[0] : Arrays.copyOf(offsets, offsets.length);
    }
}
