package io.mailserver.storage.queue.service;

import io.mailserver.storage.blob.BlobStore;
import io.mailserver.storage.failure.StorageException;
import io.mailserver.storage.queue.repository.QueueEntryRow;
import io.mailserver.storage.queue.repository.QueueRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/** The operator's side of the outbound queue ({@code mailctl queue}): list, retry now, delete. */
@ApplicationScoped
public class QueueAdministration {

    private static final Logger LOG = Logger.getLogger(QueueAdministration.class);

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final int MAX_DOMAIN = 255;

    /** A page of the queue and how many entries there are in all. */
    public record Listing(List<QueueEntryRow> entries, long total) {
        public Listing {
            entries = List.copyOf(entries);
        }
    }

    private final Pool pool;
    private final QueueRepository queue;
    private final BlobStore blobs;

    public QueueAdministration(Pool pool, QueueRepository queue, BlobStore blobs) {
        this.pool = pool;
        this.queue = queue;
        this.blobs = blobs;
    }

    public Uni<Listing> list(int limit, String domain, long entryId) {
        if (limit < 0 || limit > MAX_LIMIT) {
            throw StorageException.invalidArgument("limit must be 0 to " + MAX_LIMIT);
        }
        if (domain.length() > MAX_DOMAIN || entryId < 0) {
            throw StorageException.invalidArgument("no such domain or entry id");
        }
        String wanted = domain.toLowerCase(java.util.Locale.ROOT);
        return queue.ids(pool, wanted, entryId, limit == 0 ? DEFAULT_LIMIT : limit)
                .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<QueueEntryRow>of()) : queue.entries(pool, ids))
                .flatMap(entries -> {
                    if (entryId != 0 && entries.isEmpty()) {
                        return Uni.createFrom().failure(StorageException.notFound("entry " + entryId + " is not queued"));
                    }
                    return queue.count(pool, wanted).map(total -> new Listing(entries, total));
                });
    }

    /** Makes one entry (or all, {@code entryId} 0) due now; answers how many were. */
    public Uni<Integer> retry(long entryId) {
        if (entryId < 0) {
            throw StorageException.invalidArgument("no such entry id");
        }
        return queue.retryNow(pool, entryId).invoke(n -> LOG.infof("operator made %d queue entries due now", n));
    }

    /**
     * Removes an entry, no bounce sent; with the message's last entry the message and its blob
     * reference go too. Answers the recipients that were still queued.
     */
    public Uni<Integer> delete(long entryId) {
        return pool.withTransaction(tx -> queue.lock(tx, entryId)
                .flatMap(queued -> {
                    if (!queued) {
                        return Uni.createFrom().<Integer>failure(StorageException.notFound("entry " + entryId + " is not queued"));
                    }
                    return queue.remaining(tx, entryId)
                            .call(remaining -> queue.finish(tx, entryId)
                                    .flatMap(blob -> blob == null ? Uni.createFrom().voidItem() : blobs.release(tx, List.of(blob))));
                }))
                .invoke(n -> LOG.infof("operator deleted queue entry %d with %d recipients queued", entryId, n));
    }
}
