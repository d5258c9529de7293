package io.mailserver.storage.account.events;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mailserver.contracts.events.v1.AccountEvent;
import io.mailserver.storage.account.service.AccountProvisioning;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code mail.account.v1}: CREATED provisions the account ahead of its first request,
 * DELETED removes its data. An event that keeps failing is logged and skipped; provisioning on first
 * touch covers a lost CREATED.
 */
@ApplicationScoped
public class AccountEventsConsumer {

    private static final Logger LOG = Logger.getLogger(AccountEventsConsumer.class);

    private final AccountProvisioning provisioning;

    public AccountEventsConsumer(AccountProvisioning provisioning) {
        this.provisioning = provisioning;
    }

    @Incoming("account-events")
    public Uni<Void> consume(byte[] payload) {
        AccountEvent event;
        try {
            event = AccountEvent.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            LOG.warn("skipping an AccountEvent that is not valid protobuf");
            return Uni.createFrom().voidItem();
        }
        if (event.getAccountId() <= 0) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> work = switch (event.getKind()) {
            case CREATED -> provisioning.provision(event.getAccountId()).replaceWithVoid();
            case DELETED -> provisioning.delete(event.getAccountId());
            default -> Uni.createFrom().voidItem();
        };
        return work.onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5)
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf("AccountEvent %s for account %d failed: %s", event.getKind(), event.getAccountId(),
                            failure.toString());
                    return null;
                });
    }
}
