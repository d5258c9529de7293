package io.mailserver.storage.metrics;

import io.mailserver.storage.message.service.MessageWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The counters operators watch: deliveries, messages stored, blob deduplication and bytes stored.
 * Created at startup so every counter is exported (as 0) before the first message arrives.
 */
@Startup
@ApplicationScoped
public class StorageMetrics {

    private final Counter deliveries;
    private final Counter messagesStored;
    private final Counter dedupHits;
    private final Counter bytesStored;
    private final Counter rawBytesStored;
    private final Counter abandonedWrites;

    public StorageMetrics(MeterRegistry registry) {
        deliveries = Counter.builder("mail.storage.deliveries")
                .description("Deliver calls committed (replays of a known delivery id not counted)").register(registry);
        messagesStored = Counter.builder("mail.storage.messages.stored")
                .description("Message rows written by Deliver, AppendMessage and CopyMessages").register(registry);
        dedupHits = Counter.builder("mail.storage.blob.dedup.hits")
                .description("Stores whose content was already in the blob store").register(registry);
        bytesStored = Counter.builder("mail.storage.blob.bytes.stored").baseUnit("bytes")
                .description("Compressed bytes of new blobs").register(registry);
        rawBytesStored = Counter.builder("mail.storage.blob.raw.bytes.stored").baseUnit("bytes")
                .description("Raw bytes of new blobs before compression").register(registry);
        abandonedWrites = Counter.builder("mail.storage.writes.abandoned")
                .description("Deliver and AppendMessage transactions rolled back because the caller had cancelled "
                        + "or its deadline (less the commit margin) had passed").register(registry);
    }

    public void writeAbandoned() {
        abandonedWrites.increment();
    }

    public void delivered() {
        deliveries.increment();
    }

    public void messagesStored(int count) {
        messagesStored.increment(count);
    }

    /** Blobs a committed write stored: each either found already there, or written with its sizes. */
    public void blobsStored(List<MessageWriter.StoredBlob> stored) {
        for (MessageWriter.StoredBlob blob : stored) {
            if (blob.deduplicated()) {
                dedupHits.increment();
            } else {
                bytesStored.increment(blob.storedBytes());
                rawBytesStored.increment(blob.rawBytes());
            }
        }
    }
}
