package io.mailserver.storage.blob.service;

import io.mailserver.storage.blob.BlobStore;
import io.mailserver.storage.config.StorageConfig;
import io.mailserver.storage.delivery.repository.DeliveryRepository;
import io.mailserver.storage.delivery.repository.SendingUsageRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Deletes orphaned blobs (count zero for longer than the grace period, and no message referencing
 * them, checked as they are deleted) and expired delivery records, on a timer. Several instances may run it at once: rows in use by one are skipped by the
 * others, and a run never overlaps the previous one of the same instance.
 */
@ApplicationScoped
public class BlobCollector {

    private static final Logger LOG = Logger.getLogger(BlobCollector.class);

    private final BlobStore blobs;
    private final DeliveryRepository deliveries;
    private final SendingUsageRepository usage;
    private final StorageConfig config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public BlobCollector(BlobStore blobs, DeliveryRepository deliveries, SendingUsageRepository usage, StorageConfig config,
            Vertx vertx) {
        this.blobs = blobs;
        this.deliveries = deliveries;
        this.usage = usage;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        long interval = Math.max(1000, config.blob().collectorInterval().toMillis());
        timer = vertx.setPeriodic(interval, id -> collect().subscribe().with(
                removed -> {
                    if (removed > 0) {
                        LOG.infof("collector removed %d unreferenced blobs", removed);
                    }
                },
                failure -> LOG.warnf("blob collector run failed: %s", failure.toString())));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One run: blobs in batches until none is left, then expired delivery records and sending counts. */
    public Uni<Integer> collect() {
        return collect(config.blob().collectorGrace());
    }

    /** One run with another grace period (tests race it against writers with none at all). */
    public Uni<Integer> collect(Duration grace) {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        return collectBatches(grace, 0)
                .call(() -> deliveries.deleteOlderThan(config.delivery().retention()))
                .call(usage::deleteOld)
                .eventually(() -> running.set(false));
    }

    private Uni<Integer> collectBatches(Duration grace, int removedSoFar) {
        int batch = config.blob().collectorBatch();
        return blobs.collect(grace, batch)
                .flatMap(run -> run.examined() >= batch
                        ? collectBatches(grace, removedSoFar + run.deleted())
                        : Uni.createFrom().item(removedSoFar + run.deleted()));
    }
}
