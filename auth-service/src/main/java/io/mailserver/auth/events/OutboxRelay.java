package io.mailserver.auth.events;

import io.mailserver.auth.config.MailConfig;
import io.mailserver.contracts.events.v1.AccountEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka, at least once and in order. One run takes a batch of rows in id
 * order inside a transaction that holds an advisory lock (so among many auth-service instances one
 * relays at a time and order holds), sends every row, waits until Kafka acknowledged all of them
 * ({@code acks=all}), then deletes them and commits. A failure anywhere rolls the run back and the
 * rows go again on the next run: consumers see repeats, never gaps.
 *
 * <p>Runs are started after each commit that recorded events ({@link #wake()}) and on a timer, which
 * picks up what another instance left behind or a failed run could not send.
 */
@ApplicationScoped
public class OutboxRelay {

    static final String CHANNEL = "account-events";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** pg_try_advisory_xact_lock key of the relay: one relaying instance at a time. */
    private static final long RELAY_LOCK = 0x6d61696c_6f757462L;

    private final Pool pool;
    private final Emitter<byte[]> emitter;
    private final Vertx vertx;
    private final int batchSize;
    private final Duration interval;
    private final Duration ackTimeout;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final AtomicLong backlog = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private long timer = -1;

    OutboxRelay(Pool pool, @Channel(CHANNEL) Emitter<byte[]> emitter, Vertx vertx, MeterRegistry registry,
            MailConfig config) {
        this.pool = pool;
        this.emitter = emitter;
        this.vertx = vertx;
        this.batchSize = Math.max(1, config.auth().outbox().batchSize());
        this.interval = config.auth().outbox().interval();
        this.ackTimeout = config.auth().outbox().ackTimeout();
        this.published = Counter.builder("auth.outbox.published")
                .description("Account events Kafka acknowledged and the outbox let go").register(registry);
        this.failures = Counter.builder("auth.outbox.relay.failures")
                .description("Relay runs rolled back (Kafka or the database failed); their events go again")
                .register(registry);
        Gauge.builder("auth.outbox.backlog", backlog, AtomicLong::get)
                .description("Events the last relay run found waiting (at most one batch)").register(registry);
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(Math.max(100, interval.toMillis()), id -> wake());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Starts a run unless one is going; a run that is going does one more afterwards. */
    public void wake() {
        wanted.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        wanted.set(false);
        relayOnce().subscribe().with(sent -> {
            running.set(false);
            if (sent >= batchSize || wanted.get()) {
                wake();
            }
        }, failure -> {
            running.set(false);
            failures.increment();
            LOG.warnf("account events not relayed yet, will retry: %s", failure.toString());
        });
    }

    /** One run; the number of events published and let go. */
    Uni<Integer> relayOnce() {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked")
                .execute(Tuple.of(RELAY_LOCK))
                .flatMap(rows -> rows.iterator().next().getBoolean("locked")
                        ? relayBatch(tx)
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> relayBatch(SqlConnection tx) {
        return tx.preparedQuery("SELECT outbox_id, account_id, payload FROM auth.outbox ORDER BY outbox_id LIMIT $1")
                .execute(Tuple.of(batchSize))
                .flatMap(rows -> {
                    List<Long> ids = new ArrayList<>();
                    List<CompletableFuture<Void>> acks = new ArrayList<>();
                    for (Row row : rows) {
                        long id = row.getLong("outbox_id");
                        ids.add(id);
                        acks.add(send(id, row.getLong("account_id"), row.getBuffer("payload").getBytes()));
                    }
                    backlog.set(ids.size());
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)))
                            .ifNoItem().after(ackTimeout).failWith(() -> new IllegalStateException(
                                    "Kafka did not acknowledge " + ids.size() + " account events in " + ackTimeout))
                            .flatMap(ignored -> tx.preparedQuery("DELETE FROM auth.outbox WHERE outbox_id = ANY($1)")
                                    .execute(Tuple.of((Object) ids.toArray(Long[]::new))))
                            .invoke(() -> published.increment(ids.size()))
                            .replaceWith(ids.size());
                });
    }

    private CompletableFuture<Void> send(long outboxId, long accountId, byte[] payload) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        byte[] event;
        try {
            event = AccountEvent.parseFrom(payload).toBuilder().setSequence(outboxId).build().toByteArray();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            // Only auth-service writes the outbox; a row it cannot read is a bug worth stopping on.
            acked.completeExceptionally(new IllegalStateException("outbox row " + outboxId + " is not an AccountEvent", e));
            return acked;
        }
        Message<byte[]> message = Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(Long.toString(accountId)).build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }
}
