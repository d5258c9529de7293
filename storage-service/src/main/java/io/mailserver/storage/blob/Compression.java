package io.mailserver.storage.blob;

import com.github.luben.zstd.Zstd;

/** zstd for message bodies. CPU-bound: call on a worker thread. */
public final class Compression {

    private Compression() {
    }

    public static byte[] compress(byte[] raw, int level) {
        return Zstd.compress(raw, level);
    }

    public static byte[] decompress(CompressedBlob blob) {
        if (blob.rawSize() > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("blob too large to decompress: " + blob.id());
        }
        byte[] raw = Zstd.decompress(blob.compressed(), (int) blob.rawSize());
        if (raw.length != blob.rawSize()) {
            throw new IllegalStateException("blob " + blob.id() + " decompressed to an unexpected size");
        }
        return raw;
    }
}
