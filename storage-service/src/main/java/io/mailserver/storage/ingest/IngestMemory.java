package io.mailserver.storage.ingest;

import io.mailserver.storage.config.StorageConfig;
import io.mailserver.storage.failure.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The instance-wide bound on message bytes held while Deliver and AppendMessage calls receive and
 * parse them ({@code mail.storage.message.ingest-memory}). Each call takes from it as its bytes
 * arrive and gives everything back when it ends; a call whose next bytes do not fit fails with
 * RESOURCE_EXHAUSTED at once, which the protocol services answer as a temporary failure (SMTP 451,
 * IMAP {@code NO [UNAVAILABLE]}), so many large messages at once cost refusals, not the heap.
 */
@ApplicationScoped
public class IngestMemory {

    private final long budget;
    private final AtomicLong held = new AtomicLong();

    @jakarta.inject.Inject
    public IngestMemory(StorageConfig config) {
        this(config.message().ingestMemory());
    }

    IngestMemory(long budget) {
        this.budget = budget;
    }

    /** What one call holds; {@link #close()} gives it back (idempotent). */
    public Reservation reserve() {
        return new Reservation();
    }

    /** Bytes held by all calls now. */
    public long held() {
        return held.get();
    }

    public final class Reservation implements AutoCloseable {

        private long taken;

        /** Takes {@code bytes} more, or fails without taking any. */
        public void take(long bytes) {
            long now = held.addAndGet(bytes);
            if (now > budget) {
                held.addAndGet(-bytes);
                throw StorageException.resourceExhausted("storage is receiving too many messages at once");
            }
            taken += bytes;
        }

        @Override
        public void close() {
            if (taken > 0) {
                held.addAndGet(-taken);
                taken = 0;
            }
        }
    }
}
