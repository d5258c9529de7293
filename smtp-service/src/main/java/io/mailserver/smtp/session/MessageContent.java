package io.mailserver.smtp.session;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of one DATA transfer, from the 354 until storage has answered. It is kept in blocks
 * allocated at their full size and reserved from the instance's {@link MessageMemory} before they
 * are allocated, so the memory counted is the memory used: no buffer that doubles as it grows, and
 * no copy into one array at the end (storage is sent the blocks as they are).
 *
 * <p>Confined to the connection's context, like the rest of the connection's state.
 */
public final class MessageContent {

    /** The largest block: the chunk size of the delivery stream to storage. */
    static final int MAX_BLOCK = 64 * 1024;
    /** The first block; small messages, the usual ones, cost no more. */
    static final int FIRST_BLOCK = 8 * 1024;

    private final MessageMemory memory;
    private final List<Buffer> blocks = new ArrayList<>();
    private long length;
    private boolean dropped;

    public MessageContent(MessageMemory memory) {
        this.memory = memory;
    }

    /**
     * Keeps {@code chunk}. When the instance's memory cannot take it, the whole message is dropped,
     * its memory released, and every later chunk ignored: then this and every later call answer false.
     */
    public boolean append(Buffer chunk) {
        int offset = 0;
        while (!dropped && offset < chunk.length()) {
            Buffer last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
            if (last == null || last.length() == blockSize(blocks.size() - 1)) {
                int size = blockSize(blocks.size());
                if (!memory.tryReserve(size)) {
                    release();
                    dropped = true;
                    break;
                }
                last = Buffer.buffer(size);
                blocks.add(last);
            }
            int n = Math.min(blockSize(blocks.size() - 1) - last.length(), chunk.length() - offset);
            last.appendBuffer(chunk, offset, n);
            offset += n;
            length += n;
        }
        return !dropped;
    }

    private static int blockSize(int index) {
        return index >= 3 ? MAX_BLOCK : FIRST_BLOCK << index;
    }

    /** Whether the message was dropped for want of memory. */
    public boolean dropped() {
        return dropped;
    }

    /** Octets kept. */
    public long length() {
        return length;
    }

    /** The kept octets in order; valid until {@link #release()}. */
    public List<Buffer> blocks() {
        return List.copyOf(blocks);
    }

    /** Gives the memory back; call once the message is stored, refused or abandoned. Idempotent. */
    public void release() {
        long reserved = 0;
        for (int i = 0; i < blocks.size(); i++) {
            reserved += blockSize(i);
        }
        blocks.clear();
        memory.release(reserved);
    }
}
