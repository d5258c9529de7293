package io.mailserver.protocol.net;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * How many events (errors, recipients) one remote address may cause in a sliding window, across
 * all its connections to this instance: what a per-connection limit cannot stop, a client that
 * reconnects after every few refusals. The window slides by weighting the previous fixed window by
 * how much of it still overlaps, as rate limiters commonly do; memory is two counters per address
 * that spent anything in the last two windows, and at most {@code maxAddresses} addresses are
 * tracked (past that, new ones go uncounted rather than take unbounded memory).
 *
 * <p>Thread-safe: listeners on several event loops share one instance. Per instance, not per
 * cluster: N instances behind a load balancer allow N times as much.
 */
public final class AddressBudget {

    private final int limit;
    private final long windowMillis;
    private final List<AddressRange> exempt;
    private final int maxAddresses;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicInteger spends = new AtomicInteger();

    /**
     * @param limit  events allowed per window; 0 or less turns the budget off
     * @param exempt networks never counted (loopback, a trusted relay)
     */
    public AddressBudget(int limit, Duration window, List<AddressRange> exempt, int maxAddresses, LongSupplier clock) {
        this.limit = limit;
        this.windowMillis = Math.max(1, window.toMillis());
        this.exempt = List.copyOf(exempt);
        this.maxAddresses = maxAddresses;
        this.clock = clock;
    }

    public AddressBudget(int limit, Duration window, List<AddressRange> exempt) {
        this(limit, window, exempt, 100_000, System::currentTimeMillis);
    }

    /** Whether {@code address} has used up its budget for now. */
    public boolean exhausted(String address) {
        if (limit <= 0) {
            return false;
        }
        Window w = windows.get(address);
        return w != null && w.estimate(clock.getAsLong(), windowMillis) >= limit;
    }

    /** Counts one event for {@code address}. */
    public void spend(String address) {
        if (limit <= 0 || exempt.stream().anyMatch(r -> r.contains(address))) {
            return;
        }
        long now = clock.getAsLong();
        if ((spends.incrementAndGet() & 1023) == 0) {
            forgetIdle(now);
        }
        Window w = windows.get(address);
        if (w == null) {
            if (windows.size() >= maxAddresses) {
                forgetIdle(now);
                if (windows.size() >= maxAddresses) {
                    return;
                }
            }
            w = windows.computeIfAbsent(address, a -> new Window(now));
        }
        w.add(now, windowMillis);
    }

    /** Addresses tracked now (for tests and a gauge). */
    public int tracked() {
        return windows.size();
    }

    private void forgetIdle(long now) {
        windows.values().removeIf(w -> w.idleSince(now, windowMillis));
    }

    /** One address's current and previous fixed windows. */
    private static final class Window {

        private long start;
        private int current;
        private int previous;

        Window(long now) {
            this.start = now;
        }

        synchronized void add(long now, long length) {
            roll(now, length);
            current++;
        }

        synchronized double estimate(long now, long length) {
            roll(now, length);
            double overlap = 1.0 - (double) (now - start) / length;
            return current + previous * Math.max(0, overlap);
        }

        synchronized boolean idleSince(long now, long length) {
            return now - start >= 2 * length;
        }

        private void roll(long now, long length) {
            long elapsed = now - start;
            if (elapsed < length) {
                return;
            }
            previous = elapsed < 2 * length ? current : 0;
            current = 0;
            start += (elapsed / length) * length;
        }
    }
}
