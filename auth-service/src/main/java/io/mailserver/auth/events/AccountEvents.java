package io.mailserver.auth.events;

import io.mailserver.auth.account.repository.AccountEntity;
import io.mailserver.contracts.events.v1.AccountEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Records an {@link AccountEvent} in the outbox, inside the caller's transaction: the event commits
 * exactly when the change does, and the {@link OutboxRelay} publishes it afterwards. Callers lock the
 * account row before they record, so per account the outbox order is the commit order.
 */
@ApplicationScoped
public class AccountEvents {

    public static final String TOPIC = "mail.account.v1";

    private final OutboxRelay relay;
    private final Clock clock = Clock.systemUTC();

    public AccountEvents(OutboxRelay relay) {
        this.relay = relay;
    }

    /** Must run inside a Panache transaction that also holds the change. */
    public Uni<Void> record(AccountEntity account, AccountEvent.Kind kind) {
        AccountEvent event = AccountEvent.newBuilder()
                .setAccountId(account.id)
                .setAddress(account.address)
                .setKind(kind)
                .setEnabled(kind != AccountEvent.Kind.DELETED && Boolean.TRUE.equals(account.enabled))
                .setOccurredAtEpochMs(clock.millis())
                .build();
        OutboxEntity row = new OutboxEntity();
        row.accountId = account.id;
        row.topic = TOPIC;
        row.payload = event.toByteArray();
        row.createdAt = clock.instant();
        return Panache.getSession().flatMap(session -> session.persist(row));
    }

    /** After a commit that recorded events: publish them now rather than at the relay's next tick. */
    public void committed() {
        relay.wake();
    }
}
