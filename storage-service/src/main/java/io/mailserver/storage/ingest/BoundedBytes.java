package io.mailserver.storage.ingest;

import com.google.protobuf.ByteString;
import io.mailserver.storage.failure.StorageException;

/** The bytes of a streamed message, refused with RESOURCE_EXHAUSTED the moment they pass the limit. */
public final class BoundedBytes {

    private final long max;
    private byte[] buffer;
    private int length;

    public BoundedBytes(long max, long expected) {
        this.max = max;
        long initial = expected > 0 && expected <= max ? expected : Math.min(max, 64 * 1024);
        this.buffer = new byte[(int) Math.max(16, Math.min(initial, Integer.MAX_VALUE - 16))];
    }

    public void append(ByteString data) {
        long needed = (long) length + data.size();
        if (needed > max) {
            throw StorageException.resourceExhausted("message exceeds the maximum size of " + max + " bytes");
        }
        if (needed > buffer.length) {
            long grown = Math.max(needed, Math.min(max, (long) buffer.length * 2));
            buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(grown, Integer.MAX_VALUE - 16));
        }
        data.copyTo(buffer, length);
        length = (int) needed;
    }

    public long length() {
        return length;
    }

    /** The bytes; the internal buffer itself when it is exactly full, to spare a copy of a large message. */
    public byte[] toByteArray() {
        return buffer.length == length ? buffer : java.util.Arrays.copyOf(buffer, length);
    }
}
