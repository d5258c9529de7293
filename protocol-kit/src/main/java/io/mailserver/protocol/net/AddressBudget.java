package io.mailserver.protocol.net;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How many events (errors, recipients) one remote address may cause in a sliding window, across
 * all its connections to this instance: what a per-connection limit cannot stop, a client that
 * reconnects after every few refusals. The window slides by weighting the previous fixed window by
 * how much of it still overlaps, as rate limiters commonly do; memory is two counters per address
 * that spent anything in the last two windows, and at most {@code maxAddresses} addresses are
 * tracked (past that, new ones go uncounted rather than take unbounded memory). An IPv6 client is
 * counted by its /64, which one subscriber usually holds whole: per /128 the budget would be as
 * many budgets as addresses it cares to use.
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
    private final java.util.concurrent.atomic.AtomicLong lastSweep = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE / 2);

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
        Window w = windows.get(key(address));
        return w != null && w.estimate(clock.getAsLong(), windowMillis) >= limit;
    }

    /** Counts one event for {@code address}. */
    public void spend(String address) {
        if (limit <= 0 || exempt.stream().anyMatch(r -> r.contains(address))) {
            return;
        }
        long now = clock.getAsLong();
        if (now - lastSweep.get() >= windowMillis) {
            forgetIdle(now);
        }
        String key = key(address);
        Window w = windows.get(key);
        if (w == null) {
            if (windows.size() >= maxAddresses) {
                forgetIdle(now);
                if (windows.size() >= maxAddresses) {
                    return;
                }
            }
            w = windows.computeIfAbsent(key, a -> new Window(now));
        }
        w.add(now, windowMillis);
    }

    /** IPv4 as it is, IPv6 by its /64 (the first four groups). */
    static String key(String address) {
        if (address.indexOf(':') < 0 || !address.matches("[0-9A-Fa-f:.]+")) {
            return address;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder(24);
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }

    /** Addresses tracked now (for tests and a gauge). */
    public int tracked() {
        return windows.size();
    }

    /**
     * Drops addresses idle for two windows; at most once a second, since it walks the whole table
     * and runs on an event loop (a flood of new addresses must not make every spend a full scan).
     */
    private void forgetIdle(long now) {
        long last = lastSweep.get();
        if (now - last < 1000 || !lastSweep.compareAndSet(last, now)) {
            return;
        }
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
