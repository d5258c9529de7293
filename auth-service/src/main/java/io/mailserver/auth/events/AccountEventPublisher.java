package io.mailserver.auth.events;

import io.mailserver.auth.account.repository.AccountEntity;
import io.mailserver.contracts.events.v1.AccountEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes {@link AccountEvent}s to Kafka topic {@code mail.account.v1} (channel
 * {@value #CHANNEL}), keyed by the decimal account id so all events of one account stay in order.
 *
 * <p>Called only after the change committed. Publishing is fire-and-forget: a broker outage is
 * logged and never fails or delays the admin request, because the database, not the event, is the
 * truth (consumers treat events as hints).
 */
@ApplicationScoped
public class AccountEventPublisher {

    static final String CHANNEL = "account-events";
    private static final Logger LOG = Logger.getLogger(AccountEventPublisher.class);

    private final Emitter<byte[]> emitter;
    private final Clock clock;

    AccountEventPublisher(@Channel(CHANNEL) Emitter<byte[]> emitter) {
        this.emitter = emitter;
        this.clock = Clock.systemUTC();
    }

    public void publish(AccountEntity account, AccountEvent.Kind kind) {
        AccountEvent event = AccountEvent.newBuilder()
                .setAccountId(account.id)
                .setAddress(account.address)
                .setKind(kind)
                .setOccurredAtEpochMs(clock.millis())
                .build();
        String key = Long.toString(account.id);
        Message<byte[]> message = Message.of(event.toByteArray())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())
                .withAck(() -> CompletableFuture.completedFuture(null))
                .withNack(failure -> {
                    LOG.warnf("account event not published: kind=%s account_id=%s cause=%s",
                            kind, key, failure.toString());
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            // Emitter buffer full or channel down: the change is committed all the same.
            LOG.warnf("account event not published: kind=%s account_id=%s cause=%s", kind, key, e.toString());
        }
    }
}
