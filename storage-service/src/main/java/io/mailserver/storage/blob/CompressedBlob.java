package io.mailserver.storage.blob;

/**
 * A message body ready to store: its id, its zstd-compressed bytes, its raw size, and where each of
 * its frames starts in the compressed bytes (one frame per {@link Compression#FRAME_SIZE} raw bytes).
 */
public record CompressedBlob(BlobId id, byte[] compressed, long rawSize, long[] frameOffsets) {

    public CompressedBlob {
        frameOffsets = Compression.copy(frameOffsets);
    }

    /** A body stored as one frame (the form before frames existed). */
    public CompressedBlob(BlobId id, byte[] compressed, long rawSize) {
        this(id, compressed, rawSize, new long[] {0});
    }

    public static CompressedBlob of(BlobId id, byte[] raw) {
        Compression.Framed framed = Compression.compress(raw);
        return new CompressedBlob(id, framed.compressed(), raw.length, framed.frameOffsets());
    }
}
