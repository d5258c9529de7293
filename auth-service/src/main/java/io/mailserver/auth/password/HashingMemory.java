package io.mailserver.auth.password;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
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
 * per burst, never during one, and at most once per {@code minInterval}: single logins a few
 * seconds apart are each "a burst" too, and must not each cost a full collection.
 */
final class HashingMemory implements AutoCloseable {

    private final long releaseAfterNanos;
    private final long minIntervalNanos;
    private final Runnable collect;
    private final ScheduledExecutorService timer;

    private int running;
    private long lastFinished;
    /** Computations finished since the last collection. */
    private boolean garbage;
    private boolean checkScheduled;
    /** Set back by the interval at start, so the first collection never waits for it. */
    private long lastCollected;

    /**
     * @param releaseAfter quiet time before collecting; zero never collects
     * @param minInterval least time between two collections
     */
    HashingMemory(Duration releaseAfter, Duration minInterval, Runnable collect) {
        this.releaseAfterNanos = releaseAfter.toNanos();
        this.minIntervalNanos = minInterval.toNanos();
        this.collect = collect;
        this.lastCollected = System.nanoTime() - minIntervalNanos;
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
        if (!checkScheduled) {
            checkScheduled = schedule(releaseAfterNanos);
        }
    }

    /** False when there is no timer, or it was shut down (the service is stopping). */
    private boolean schedule(long delayNanos) {
        if (timer == null || timer.isShutdown()) {
            return false;
        }
        try {
            timer.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException stopping) {
            return false;
        }
    }

    private void check() {
        synchronized (this) {
            long now = System.nanoTime();
            long wait = Math.max(running > 0 ? releaseAfterNanos : releaseAfterNanos - (now - lastFinished),
                    minIntervalNanos - (now - lastCollected));
            if (wait > 0) {
                // still in a burst, or collected a moment ago: look again once that is over
                checkScheduled = schedule(wait);
                return;
            }
            checkScheduled = false;
            if (!garbage) {
                return;
            }
            garbage = false;
            lastCollected = now;
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
