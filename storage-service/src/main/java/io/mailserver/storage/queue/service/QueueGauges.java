package io.mailserver.storage.queue.service;

import io.mailserver.storage.config.StorageConfig;
import io.mailserver.storage.queue.repository.QueueRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The queue's depth and age as gauges (storage owns the queue, so one place counts it whatever number
 * of delivery workers run). Counted on a timer, not at scrape time: a scrape must not wait on SQL.
 * The outcomes of attempts are smtp-service's counters ({@code smtp.outbound.*}).
 */
@ApplicationScoped
public class QueueGauges {

    private static final Logger LOG = Logger.getLogger(QueueGauges.class);

    private final Pool pool;
    private final QueueRepository queue;
    private final StorageConfig config;
    private final Vertx vertx;
    private final AtomicReference<QueueRepository.Depth> depth =
            new AtomicReference<>(new QueueRepository.Depth(0, 0, 0, 0, 0));
    private long timer = -1;

    public QueueGauges(Pool pool, QueueRepository queue, StorageConfig config, Vertx vertx, MeterRegistry registry) {
        this.pool = pool;
        this.queue = queue;
        this.config = config;
        this.vertx = vertx;
        Gauge.builder("mail.storage.queue.messages", depth, d -> d.get().messages())
                .description("Messages in the outbound queue").register(registry);
        Gauge.builder("mail.storage.queue.entries", depth, d -> d.get().entries())
                .description("Outbound queue entries (one per message and destination domain)").register(registry);
        Gauge.builder("mail.storage.queue.recipients", depth, d -> d.get().recipients())
                .description("Recipients still to deliver").register(registry);
        Gauge.builder("mail.storage.queue.deferred.entries", depth, d -> d.get().deferredEntries())
                .description("Entries attempted at least once and waiting for a retry").register(registry);
        Gauge.builder("mail.storage.queue.oldest.age", depth, d -> d.get().oldestSeconds()).baseUnit("seconds")
                .description("Age of the oldest queued message").register(registry);
    }

    void start(@Observes StartupEvent event) {
        long interval = Math.max(1000, config.queue().metricsInterval().toMillis());
        timer = vertx.setPeriodic(interval, id -> queue.depth(pool).subscribe().with(depth::set,
                failure -> LOG.debugf("queue gauges not refreshed: %s", failure.toString())));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
