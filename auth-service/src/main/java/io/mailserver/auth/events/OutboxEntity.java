package io.mailserver.auth.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One event waiting in {@code auth.outbox} for the relay; written in the transaction of its change. */
@Entity
@Table(schema = "auth", name = "outbox")
public class OutboxEntity {

    @Id
    @SequenceGenerator(name = "outbox_id", schema = "auth", sequenceName = "outbox_id_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outbox_id")
    @Column(name = "outbox_id")
    public Long id;

    @Column(name = "account_id", nullable = false)
    public Long accountId;

    /** The Kafka topic it goes to. */
    @Column(name = "topic", nullable = false)
    public String topic;

    /** The serialized event, without its sequence (the relay stamps the outbox id in). */
    @Column(name = "payload", nullable = false)
    public byte[] payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
