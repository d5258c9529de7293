package io.mailserver.smtp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of message data all connections of this instance hold at once: received and not yet
 * stored (an SMTP server answers 250 only after storage committed, so the message stays in memory
 * until then). Capped by {@code mail.smtp.limits.message-memory}, so many large transfers at once cost a
 * 452 to some clients instead of the heap.
 */
final class MessageMemory {

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    MessageMemory(long capacity) {
        this.capacity = capacity;
    }

    /** Takes {@code bytes} from the budget, or nothing if that would go past the cap. */
    boolean tryReserve(long bytes) {
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

    void release(long bytes) {
        if (bytes > 0) {
            used.addAndGet(-bytes);
        }
    }

    AtomicLong used() {
        return used;
    }
}
