package io.mailserver.storage.blob;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.util.Arrays;

/**
 * zstd (RFC 8878 frames) for message bodies, in pure Java: the frames are the ones the zstd tool and
 * every other zstd library read and write, but no native library is unpacked at start and a native
 * image needs no JNI or FFM registration (docs/adr/0006). CPU-bound: call on a worker thread.
 */
public final class Compression {

    private Compression() {
    }

    public static byte[] compress(byte[] raw) {
        ZstdCompressor compressor = new ZstdCompressor();
        byte[] out = new byte[compressor.maxCompressedLength(raw.length)];
        int length = compressor.compress(raw, 0, raw.length, out, 0, out.length);
        return Arrays.copyOf(out, length);
    }

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
            throw new IllegalStateException("blob " + blob.id() + " is not a valid zstd frame", e);
        }
        if (length != raw.length) {
            throw new IllegalStateException("blob " + blob.id() + " decompressed to an unexpected size");
        }
        return raw;
    }
}
