package io.mailserver.storage.ingest;

import com.google.protobuf.ByteString;
import io.mailserver.storage.failure.StorageException;

/**
 * The bytes of a streamed message, refused with RESOURCE_EXHAUSTED the moment they pass the limit.
 * The buffer grows as bytes arrive, never to more than the announced size ahead of them: announcing
 * costs a client nothing (an IMAP APPEND of 50 MiB that never sends a byte), so it must cost
 * storage nothing either.
 */
public final class BoundedBytes {

    private static final int INITIAL = 64 * 1024;

    private final long max;
    /** Where the bytes are accounted for against the instance's bound, or null. */
    private final IngestMemory.Reservation memory;
    /** Where growth stops doubling: the announced size when there is one, else the limit. */
    private final long target;
    private byte[] buffer;
    private int length;

    public BoundedBytes(long max, long expected) {
        this(max, expected, null);
    }

    /** @param memory takes every byte before it is kept (see {@link IngestMemory}) */
    public BoundedBytes(long max, long expected, IngestMemory.Reservation memory) {
        this.max = max;
        this.memory = memory;
        this.target = expected > 0 && expected <= max ? expected : max;
        this.buffer = new byte[(int) Math.max(16, Math.min(target, INITIAL))];
    }

    public void append(ByteString data) {
        long needed = (long) length + data.size();
        if (needed > max) {
            throw StorageException.resourceExhausted("message exceeds the maximum size of " + max + " bytes");
        }
        if (memory != null) {
            memory.take(data.size());
        }
        if (needed > buffer.length) {
            long grown = Math.max(needed, Math.min(target, (long) buffer.length * 2));
            buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(grown, Integer.MAX_VALUE - 16));
        }
        data.copyTo(buffer, length);
        length = (int) needed;
    }

    /** Bytes allocated now. */
    int capacity() {
        return buffer.length;
    }

    public long length() {
        return length;
    }

    /** The bytes; the internal buffer itself when it is exactly full, to spare a copy of a large message. */
    public byte[] toByteArray() {
        return buffer.length == length ? buffer : java.util.Arrays.copyOf(buffer, length);
    }
}
