package io.mailserver.storage.account.events;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mailserver.contracts.events.v1.AccountEvent;
import io.mailserver.storage.account.service.AccountProvisioning;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code mail.account.v1}. Every event is acted on idempotently, so the repeats an
 * at-least-once outbox produces are harmless: CREATED, UPDATED and PASSWORD_CHANGED make sure the
 * account is provisioned; DELETED removes its data (nothing to do when it is gone already).
 *
 * <p>Nothing is skipped. A failure (the database away, a lock timeout) is retried without end, with
 * back-off, holding the partition so the account's later events wait in order; the
 * {@code mail_storage_account_events_retrying} gauge and the log show it. An event that can never be
 * acted on (not an AccountEvent, no account id, unknown kind) is parked in
 * {@code storage.parked_events}, counted and logged, and the stream moves on.
 */
@ApplicationScoped
public class AccountEventsConsumer {

    private static final Logger LOG = Logger.getLogger(AccountEventsConsumer.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private final AccountProvisioning provisioning;
    private final ParkedEvents parked;
    private final Counter parkedCount;
    private final AtomicInteger retrying = new AtomicInteger();

    public AccountEventsConsumer(AccountProvisioning provisioning, ParkedEvents parked, MeterRegistry registry) {
        this.provisioning = provisioning;
        this.parked = parked;
        this.parkedCount = Counter.builder("mail.storage.account.events.parked")
                .description("Account events that can never be acted on, kept in storage.parked_events").register(registry);
        Gauge.builder("mail.storage.account.events.retrying", retrying, AtomicInteger::get)
                .description("1 while an account event keeps failing and is being retried (its partition waits)")
                .register(registry);
    }

    @Incoming("account-events")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        AccountEvent event;
        try {
            event = AccountEvent.parseFrom(record.value() == null ? new byte[0] : record.value());
        } catch (InvalidProtocolBufferException e) {
            return park(record, "not a valid AccountEvent");
        }
        if (event.getAccountId() <= 0) {
            return park(record, "no account id");
        }
        Uni<Void> work = switch (event.getKind()) {
            case CREATED, UPDATED, PASSWORD_CHANGED -> provisioning.ensureProvisioned(event.getAccountId());
            case DELETED -> provisioning.delete(event.getAccountId());
            default -> null;
        };
        if (work == null) {
            return park(record, "unknown kind " + event.getKindValue());
        }
        AtomicInteger attempts = new AtomicInteger();
        return work
                .onFailure().invoke(failure -> {
                    if (attempts.incrementAndGet() == 1) {
                        retrying.set(1);
                    }
                    LOG.warnf("AccountEvent %s for account %d failed (attempt %d), retrying: %s", event.getKind(),
                            event.getAccountId(), attempts.get(), failure.toString());
                })
                .onFailure().retry().withBackOff(FIRST_RETRY, LONGEST_RETRY).indefinitely()
                .invoke(() -> retrying.set(0));
    }

    private Uni<Void> park(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.errorf("account event parked (topic %s, partition %d, offset %d): %s", record.topic(), record.partition(),
                record.offset(), reason);
        parkedCount.increment();
        return parked.park(record, reason)
                .onFailure().retry().withBackOff(FIRST_RETRY, LONGEST_RETRY).indefinitely();
    }
}
