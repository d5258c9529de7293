package io.mailserver.pop3.events;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mailserver.contracts.events.v1.AccountEvent;
import io.mailserver.protocol.session.AccountSessions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Ends the sessions of an account that may no longer log in. Every pop3-service instance reads
 * {@code mail.account.v1} whole (a consumer group of its own, from the latest offset: only what
 * happens while it runs concerns its sessions), and on DELETED, or any event saying the account is
 * disabled, tells this instance's sessions of that account to end: {@code -ERR} and close, without
 * the UPDATE state, so nothing the session marked deleted is removed.
 */
@ApplicationScoped
public class AccountEventsListener {

    private static final Logger LOG = Logger.getLogger(AccountEventsListener.class);

    private final AccountSessions sessions;
    private final Counter ended;

    public AccountEventsListener(AccountSessions sessions, MeterRegistry registry) {
        this.sessions = sessions;
        this.ended = Counter.builder("pop3.sessions.ended")
                .description("Sessions ended because their account was disabled or deleted").register(registry);
        Gauge.builder("pop3.sessions.authenticated", sessions, AccountSessions::open)
                .description("Authenticated POP3 sessions on this instance").register(registry);
    }

    /** The instance's registry of authenticated sessions. */
    @Produces
    @Singleton
    static AccountSessions accountSessions() {
        return new AccountSessions();
    }

    @Incoming("account-events")
    public void consume(byte[] payload) {
        AccountEvent event;
        try {
            event = AccountEvent.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            // storage-service parks malformed events; here there is nothing to end
            return;
        }
        if (event.getKind() == AccountEvent.Kind.DELETED || !event.getEnabled()) {
            String reason = event.getKind() == AccountEvent.Kind.DELETED ? "Account removed" : "Account disabled";
            int count = sessions.endAll(event.getAccountId(), reason);
            if (count > 0) {
                ended.increment(count);
                LOG.infof("ended %d session(s) of account %d: %s", count, event.getAccountId(), event.getKind());
            }
        }
    }
}
