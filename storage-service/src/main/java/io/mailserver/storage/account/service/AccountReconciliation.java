package io.mailserver.storage.account.service;

import io.mailserver.contracts.auth.v1.Account;
import io.mailserver.contracts.auth.v1.ListAccountsResponse;
import io.mailserver.storage.account.client.AuthAccounts;
import io.mailserver.storage.account.repository.AccountRepository;
import io.mailserver.storage.config.StorageConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Repairs drift between auth-service's accounts (the truth) and the accounts provisioned here, in
 * case an event was lost or acted on wrongly: an account auth-service has and storage lacks is
 * provisioned; an account storage has and auth-service confirms does not exist (NOT_FOUND, asked one
 * by one) loses its data. Runs shortly after start and then periodically; among many instances one
 * runs at a time (a session advisory lock). A run that would remove more than
 * {@code mail.storage.reconcile.max-removals} accounts removes none and reports it.
 *
 * <p>The accounts are walked in windows of auth-service's id order, so no run holds more than a page
 * of ids, whatever the number of accounts.
 */
@ApplicationScoped
public class AccountReconciliation {

    private static final Logger LOG = Logger.getLogger(AccountReconciliation.class);
    /** pg_try_advisory_lock key: one reconciling instance at a time. */
    private static final long LOCK = 0x6d61696c_7265636fL;

    private final Pool pool;
    private final AuthAccounts auth;
    private final AccountRepository accounts;
    private final AccountProvisioning provisioning;
    private final StorageConfig.Reconcile config;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Counter provisioned;
    private final Counter removed;
    private long timer = -1;

    /** What one run did. */
    public record Outcome(boolean ran, int provisioned, int removed, int refusedRemovals) {
    }

    public AccountReconciliation(Pool pool, AuthAccounts auth, AccountRepository accounts, AccountProvisioning provisioning,
            StorageConfig config, Vertx vertx, MeterRegistry registry) {
        this.pool = pool;
        this.auth = auth;
        this.accounts = accounts;
        this.provisioning = provisioning;
        this.config = config.reconcile();
        this.vertx = vertx;
        this.registry = registry;
        this.provisioned = Counter.builder("mail.storage.reconcile.provisioned")
                .description("Accounts auth-service has that reconciliation provisioned here").register(registry);
        this.removed = Counter.builder("mail.storage.reconcile.removed")
                .description("Accounts auth-service confirmed gone whose data reconciliation removed").register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (config.interval().isZero() || config.interval().isNegative()) {
            return;
        }
        timer = vertx.setTimer(Math.max(1, config.initialDelay().toMillis()), id -> {
            runLogged();
            timer = vertx.setPeriodic(config.interval().toMillis(), next -> runLogged());
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void runLogged() {
        reconcile().subscribe().with(outcome -> {
            if (outcome.provisioned() > 0 || outcome.removed() > 0) {
                LOG.infof("reconciliation with auth-service: %d accounts provisioned, %d removed",
                        outcome.provisioned(), outcome.removed());
            }
        }, failure -> {
            run("failed");
            LOG.warnf("reconciliation with auth-service failed, next run in %s: %s", config.interval(), failure.toString());
        });
    }

    /** One run, unless one is going here or on another instance. */
    public Uni<Outcome> reconcile() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().item(new Outcome(false, 0, 0, 0));
        }
        return pool.getConnection()
                .flatMap(connection -> connection.preparedQuery("SELECT pg_try_advisory_lock($1) AS locked")
                        .execute(Tuple.of(LOCK))
                        .flatMap(rows -> rows.iterator().next().getBoolean("locked")
                                // unlocked however the walk ends: the connection goes back to the pool
                                ? walk().onItemOrFailure().call((outcome, failure) -> unlock(connection))
                                : Uni.createFrom().item(new Outcome(false, 0, 0, 0)))
                        .eventually(connection::close))
                .invoke(outcome -> run(!outcome.ran() ? "skipped" : outcome.refusedRemovals() > 0 ? "refused" : "ok"))
                .eventually(() -> running.set(false));
    }

    private static Uni<Void> unlock(SqlConnection connection) {
        return connection.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(LOCK)).replaceWithVoid();
    }

    /** Ids to remove are only collected while walking; they are removed at the end, all or none. */
    private static final class Walk {
        long cursor;
        boolean done;
        int provisioned;
        int absentCount;
        final List<Long> absent = new ArrayList<>();
    }

    private Uni<Outcome> walk() {
        Walk walk = new Walk();
        return Multi.createBy().repeating().uni(() -> walk, w -> window(w)).whilst(w -> !w.done)
                .collect().last()
                .flatMap(ignored -> {
                    if (walk.absentCount > config.maxRemovals()) {
                        LOG.errorf("reconciliation would remove %d accounts, more than mail.storage.reconcile.max-removals "
                                + "(%d): removed none. Check that auth-service uses the right database; remove them by "
                                + "raising the limit once that is sure.", walk.absentCount, config.maxRemovals());
                        return Uni.createFrom().item(new Outcome(true, walk.provisioned, 0, walk.absentCount));
                    }
                    return Multi.createFrom().iterable(walk.absent)
                            .onItem().transformToUniAndConcatenate(id -> provisioning.delete(id).invoke(() -> {
                                removed.increment();
                                LOG.warnf("account %d is gone from auth-service: its mail was removed", id);
                            }))
                            .collect().last()
                            .map(done -> new Outcome(true, walk.provisioned, walk.absent.size(), 0));
                });
    }

    /** One page of auth-service's accounts against the accounts provisioned in the same id range. */
    private Uni<Walk> window(Walk walk) {
        return auth.page(walk.cursor, config.pageSize()).flatMap(page -> {
            long upTo = page.getMore() ? last(page) : Long.MAX_VALUE;
            return accounts.idsBetween(pool, walk.cursor, upTo).flatMap(stored -> {
                Set<Long> here = new HashSet<>(stored);
                Set<Long> there = new HashSet<>();
                page.getAccountsList().forEach(a -> there.add(a.getAccountId()));
                List<Long> missing = page.getAccountsList().stream().map(Account::getAccountId)
                        .filter(id -> !here.contains(id)).toList();
                List<Long> extra = stored.stream().filter(id -> !there.contains(id)).toList();
                return Multi.createFrom().iterable(missing)
                        .onItem().transformToUniAndConcatenate(id -> provisioning.ensureProvisioned(id).invoke(() -> {
                            walk.provisioned++;
                            provisioned.increment();
                            LOG.infof("account %d exists in auth-service but was not provisioned here: provisioned", id);
                        }))
                        .collect().last()
                        .flatMap(done -> Multi.createFrom().iterable(extra)
                                .onItem().transformToUniAndConcatenate(id -> auth.confirmedAbsent(id)
                                        .invoke(absent -> {
                                            if (absent) {
                                                walk.absentCount++;
                                                // past the limit nothing will be removed: count, do not keep
                                                if (walk.absent.size() <= config.maxRemovals()) {
                                                    walk.absent.add(id);
                                                }
                                            }
                                        }))
                                .collect().last())
                        .map(ignored -> {
                            walk.cursor = upTo;
                            walk.done = !page.getMore();
                            return walk;
                        });
            });
        });
    }

    private static long last(ListAccountsResponse page) {
        return page.getAccounts(page.getAccountsCount() - 1).getAccountId();
    }

    private void run(String outcome) {
        Counter.builder("mail.storage.reconcile.runs").description("Reconciliation runs, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }
}
