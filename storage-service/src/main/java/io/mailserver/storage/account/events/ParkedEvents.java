package io.mailserver.storage.account.events;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** {@code storage.parked_events}: where a consumer puts an event it can never act on. */
@ApplicationScoped
public class ParkedEvents {

    private final Pool pool;

    public ParkedEvents(Pool pool) {
        this.pool = pool;
    }

    /** Keeps the record whole; parking the same position again is a no-op (a redelivery). */
    public Uni<Void> park(ConsumerRecord<String, byte[]> record, String reason) {
        return pool.preparedQuery("INSERT INTO storage.parked_events (topic, partition, \"offset\", record_key, payload, reason) "
                        + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (topic, partition, \"offset\") DO NOTHING")
                .execute(Tuple.from(new Object[] {record.topic(), record.partition(), record.offset(), record.key(),
                        Buffer.buffer(record.value() == null ? new byte[0] : record.value()), reason}))
                .replaceWithVoid();
    }
}
