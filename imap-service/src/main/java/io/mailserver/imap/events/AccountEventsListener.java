package io.mailserver.imap.events;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mailserver.contracts.events.v1.AccountEvent;
import io.mailserver.imap.client.AuthClient;
import io.mailserver.imap.config.ImapConfig;
import io.mailserver.protocol.session.AccountSessions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Ends the sessions of an account that may no longer log in (IMAP {@code BYE}). Every instance reads
 * {@code mail.account.v1} whole (a consumer group of its own, from the latest offset: only what happens
 * while it runs concerns its sessions) and acts within seconds of a DELETED, or of any event saying
 * the account is disabled. An event it did not see (Kafka away, or published before its consumer had
 * its partitions) is caught by a periodic recheck that asks auth-service about every account with
 * sessions here ({@code mail.imap.timeouts.account-recheck}).
 */
@ApplicationScoped
public class AccountEventsListener {

    private static final Logger LOG = Logger.getLogger(AccountEventsListener.class);

    private final AccountSessions sessions;
    private final AuthClient auth;
    private final Vertx vertx;
    private final Duration recheck;
    private final Counter ended;
    private final AtomicBoolean rechecking = new AtomicBoolean();
    private long timer = -1;

    public AccountEventsListener(AccountSessions sessions, AuthClient auth, Vertx vertx, ImapConfig config,
            MeterRegistry registry) {
        this.sessions = sessions;
        this.auth = auth;
        this.vertx = vertx;
        this.recheck = config.imap().timeouts().accountRecheck();
        this.ended = Counter.builder("imap.sessions.ended")
                .description("Sessions ended because their account was disabled or deleted").register(registry);
        Gauge.builder("imap.sessions.authenticated", sessions, AccountSessions::open)
                .description("Authenticated IMAP sessions on this instance").register(registry);
    }

    /** The instance's registry of authenticated sessions. */
    @Produces
    @Singleton
    static AccountSessions accountSessions() {
        return new AccountSessions();
    }

    @Incoming("account-events")
    public void consume(byte[] payload) {
        try {
            AccountEvent event = AccountEvent.parseFrom(payload);
            count(event.getAccountId(), sessions.accountChanged(event.getAccountId(),
                    event.getKind() == AccountEvent.Kind.DELETED, event.getEnabled()));
        } catch (InvalidProtocolBufferException e) {
            // storage-service parks malformed events; here there is nothing to end
        }
    }

    void start(@Observes StartupEvent event) {
        if (recheck.toMillis() > 0) {
            timer = vertx.setPeriodic(recheck.toMillis(), id -> recheckNow());
        }
    }

    /**
     * Checks every account with sessions here now, unless a check is running (however long a slow
     * auth-service makes one take); completes with how many sessions it ended.
     */
    public CompletionStage<Integer> recheckNow() {
        if (!rechecking.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(0);
        }
        return sessions.recheck(account -> auth.accountState(account).subscribeAsCompletionStage())
                .whenComplete((count, failure) -> {
                    rechecking.set(false);
                    count(0, count == null ? 0 : count);
                });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void count(long accountId, int count) {
        if (count > 0) {
            ended.increment(count);
            LOG.infof("ended %d session(s)%s: account disabled or removed", count,
                    accountId > 0 ? " of account " + accountId : "");
        }
    }
}
