package io.mailserver.smtp.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of message data all connections of this instance hold at once: received and not yet
 * stored (an SMTP server answers 250 only after storage committed, so the message stays in memory
 * until then). Capped by {@code mail.smtp.limits.message-memory}, so many large transfers at once cost a
 * 452 to some clients instead of the heap.
 */
public final class MessageMemory {

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    public MessageMemory(long capacity) {
        this.capacity = capacity;
    }

    /** Takes {@code bytes} from the budget, or nothing if that would go past the cap. */
    public boolean tryReserve(long bytes) {
        while (true) {
            long now = used.get();
            if (now + bytes > capacity) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    public void release(long bytes) {
        if (bytes > 0) {
            used.addAndGet(-bytes);
        }
    }

    /** Bytes reserved now. */
    public long used() {
        return used.get();
    }
}
