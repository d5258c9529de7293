package io.mailserver.auth.password;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Gives the heap a burst of Argon2 computations took back to the system once the burst is over.
 *
 * <p>Each computation allocates {@code memory-kib} (19 MiB) in 1 KiB blocks that live for its whole
 * run: a small heap's young generation cannot hold them, so they are promoted, and the old
 * generation grows to hold a burst's garbage. Nothing collects the old generation again while the
 * service is quiet, so the heap of a burst stayed committed for good (at rest after 113 accounts
 * were created: 163 MiB of heap for 25 MiB of live data). One full collection after
 * {@code release-memory-after} without a computation lets the JVM shrink the heap to its live data
 * plus its {@code MaxHeapFreeRatio}. That pauses the service for a few tens of milliseconds, once
 * per burst, never during one.
 */
final class HashingMemory implements AutoCloseable {

    private final long releaseAfterNanos;
    private final Runnable collect;
    private final ScheduledExecutorService timer;

    private int running;
    private long lastFinished;
    /** Computations finished since the last collection. */
    private boolean garbage;
    private boolean checkScheduled;

    /** @param releaseAfter quiet time before collecting; zero never collects */
    HashingMemory(Duration releaseAfter, Runnable collect) {
        this.releaseAfterNanos = releaseAfter.toNanos();
        this.collect = collect;
        if (releaseAfterNanos > 0) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, work -> {
                Thread thread = new Thread(work, "argon2-memory");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            this.timer = executor;
        } else {
            this.timer = null;
        }
    }

    synchronized void started() {
        running++;
    }

    synchronized void finished() {
        running--;
        lastFinished = System.nanoTime();
        garbage = true;
        if (timer != null && !checkScheduled) {
            checkScheduled = true;
            timer.schedule(this::check, releaseAfterNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void check() {
        synchronized (this) {
            long quiet = System.nanoTime() - lastFinished;
            if (running > 0 || quiet < releaseAfterNanos) {
                // still in a burst: look again once it could be over
                timer.schedule(this::check, running > 0 ? releaseAfterNanos : releaseAfterNanos - quiet,
                        TimeUnit.NANOSECONDS);
                return;
            }
            checkScheduled = false;
            if (!garbage) {
                return;
            }
            garbage = false;
        }
        collect.run();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
