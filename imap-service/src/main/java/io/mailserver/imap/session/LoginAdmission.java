package io.mailserver.imap.session;

import io.mailserver.imap.config.ImapConfig;
import io.mailserver.imap.metrics.ImapMetrics;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Admission control at the door: while this instance already runs {@code busy-commands} commands of
 * logged-in sessions, a new LOGIN or AUTHENTICATE waits, first come first served, before its
 * credentials are checked. A saturated server then keeps the sessions it has answering quickly and
 * lets new ones queue at login, instead of making every command of every session queue behind all
 * the others (with a closed population of clients, the wait has to be somewhere; a client that is
 * in is worth more than one knocking). A login never waits longer than {@code max-wait}: then it
 * goes ahead regardless. A command counts as busy for at most {@code busy-for}: one that runs longer
 * is waiting on its client (a big FETCH to a slow phone, an APPEND uploading), not on the server's
 * cores, and a crowd of such clients must not hold every new login to the longest wait. IDLE is
 * never busy. Per instance: each instance protects its own cores.
 */
@Singleton
public class LoginAdmission {

    private final int limit;
    private final long busyForMillis;
    private final long maxWaitMillis;
    private final Vertx vertx;
    private final ImapMetrics metrics;
    private final AtomicInteger busy = new AtomicInteger();
    /** Logins waiting for a slot, oldest first; guarded by {@code this}. */
    private final Deque<Slot> waiting = new ArrayDeque<>();

    @Inject
    public LoginAdmission(ImapConfig config, Vertx vertx, ImapMetrics metrics) {
        this(limit(config.imap().loginAdmission().busyCommands()), config.imap().loginAdmission().busyFor(),
                config.imap().loginAdmission().maxWait(), vertx, metrics);
    }

    /**
     * @param limit busy commands at which logins start to wait; 0 turns admission off
     * @param busyFor longest a command counts as busy
     */
    public LoginAdmission(int limit, Duration busyFor, Duration maxWait, Vertx vertx, ImapMetrics metrics) {
        this.limit = limit;
        this.busyForMillis = Math.max(1, busyFor.toMillis());
        this.maxWaitMillis = Math.max(1, maxWait.toMillis());
        this.vertx = vertx;
        this.metrics = metrics;
    }

    /**
     * The configured limit: negative turns admission off, 0 means one per two available processors,
     * at least 1.
     */
    static int limit(int configured) {
        return configured == 0 ? Math.max(1, Runtime.getRuntime().availableProcessors() / 2) : Math.max(0, configured);
    }

    /**
     * A command of a logged-in session starts: it holds a slot until the returned handle is ended,
     * or for {@code busy-for} at most.
     */
    public Busy commandStarted() {
        if (limit <= 0) {
            return Busy.NONE;
        }
        busy.incrementAndGet();
        Busy command = new Busy(this);
        command.timer = vertx.setTimer(busyForMillis, id -> command.release(false));
        return command;
    }

    private void freed() {
        busy.decrementAndGet();
        admitWaiting();
    }

    /** Commands and logins holding a slot now. */
    public int busy() {
        return busy.get();
    }

    /**
     * {@code login} once this login is admitted, its result delivered on {@code executor}; the login
     * holds a slot until it completes, fails or is cancelled. A login cancelled while waiting (the
     * client went away) leaves the queue.
     */
    public <T> Uni<T> admitted(Executor executor, Supplier<Uni<T>> login) {
        if (limit <= 0) {
            return Uni.createFrom().deferred(login::get);
        }
        Slot slot = new Slot();
        return Uni.createFrom().<Void>emitter(emitter -> arrive(slot, emitter))
                .emitOn(executor)
                .flatMap(admitted -> login.get())
                .onTermination().invoke(() -> leave(slot));
    }

    private void arrive(Slot slot, UniEmitter<? super Void> emitter) {
        synchronized (this) {
            slot.emitter = emitter;
            if (!waiting.isEmpty() || busy.get() >= limit) {
                waiting.addLast(slot);
                slot.timer = vertx.setTimer(maxWaitMillis, id -> timedOut(slot));
                return;
            }
            grant(slot);
        }
        emitter.complete(null);
    }

    /** Only reached with a limit: a slot is taken, and freed, only when admission is on. */
    private void admitWaiting() {
        Slot next;
        synchronized (this) {
            if (waiting.isEmpty() || busy.get() >= limit) {
                return;
            }
            next = waiting.pollFirst();
            grant(next);
        }
        vertx.cancelTimer(next.timer);
        metrics.loginDelayed(false);
        next.emitter.complete(null);
    }

    private void timedOut(Slot slot) {
        synchronized (this) {
            if (!waiting.remove(slot)) {
                return;
            }
            grant(slot);
        }
        metrics.loginDelayed(true);
        slot.emitter.complete(null);
    }

    private void grant(Slot slot) {
        slot.granted = true;
        busy.incrementAndGet();
    }

    private void leave(Slot slot) {
        boolean held;
        synchronized (this) {
            held = slot.granted;
            slot.granted = false;
            if (!held && waiting.remove(slot)) {
                vertx.cancelTimer(slot.timer);
            }
        }
        if (held) {
            freed();
        }
    }

    /** A running command's slot: {@link #end()} when the command is answered (a second call does nothing). */
    public static final class Busy {

        static final Busy NONE = new Busy(null);

        private final LoginAdmission admission;
        private final AtomicBoolean held;
        private long timer;

        private Busy(LoginAdmission admission) {
            this.admission = admission;
            this.held = new AtomicBoolean(admission != null);
        }

        public void end() {
            release(true);
        }

        private void release(boolean answered) {
            if (held.compareAndSet(true, false)) {
                if (answered) {
                    admission.vertx.cancelTimer(timer);
                }
                admission.freed();
            }
        }
    }

    /** One login's place: waiting in the queue, or granted a slot it holds until it leaves. */
    private static final class Slot {
        private UniEmitter<? super Void> emitter;
        private long timer;
        private boolean granted;
    }
}
