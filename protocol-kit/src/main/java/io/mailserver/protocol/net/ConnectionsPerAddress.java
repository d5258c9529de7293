package io.mailserver.protocol.net;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts open connections per remote address so one host cannot take every connection slot.
 * Thread-safe: listeners on several event loops share one instance.
 */
public final class ConnectionsPerAddress {

    private final int limit;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    public ConnectionsPerAddress(int limit) {
        this.limit = limit;
    }

    /** Takes a slot for {@code address}; false (and nothing taken) when the address is at its limit. */
    public boolean tryAcquire(String address) {
        boolean[] acquired = {false};
        open.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= limit) {
                return count;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    public void release(String address) {
        open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }

    public int openConnections(String address) {
        return open.getOrDefault(address, 0);
    }
}
