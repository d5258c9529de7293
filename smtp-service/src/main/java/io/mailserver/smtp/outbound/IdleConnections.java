package io.mailserver.smtp.outbound;

import io.mailserver.smtp.outbound.tls.TlsPolicy;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions kept open between messages to the same server: a session may carry any number of
 * transactions (RFC 5321 §3.3), and a queue draining to one destination then pays the connection,
 * the TLS handshake and EHLO once instead of per message. A session is parked only after RSET was
 * answered 250 (the server is there and the transaction state is clean), for at most {@code idle},
 * and only for the same address, port and TLS policy (a verified session is not reused for an
 * opportunistic one, nor the reverse). Bounded: per destination and in all.
 */
final class IdleConnections {

    /** Where a session goes and what TLS it was opened under. */
    record Destination(String address, int port, TlsPolicy tls) {
    }

    /**
     * A session ready for its next transaction.
     *
     * @param capabilities the EHLO reply that holds for it (after STARTTLS when it is encrypted)
     * @param transactions the transactions it carried so far
     */
    record Parked(SmtpClientConnection connection, RemoteReply capabilities, int transactions) {
    }

    private record Slot(Parked parked, long timer) {
    }

    private final Vertx vertx;
    private final Duration idle;
    private final int perDestination;
    private final int total;
    private final Map<Destination, Deque<Slot>> parked = new HashMap<>();
    private int count;
    private boolean closed;

    /**
     * @param idle           how long a session waits for its next message; zero turns reuse off
     * @param perDestination sessions parked per destination at most
     * @param total          sessions parked at most
     */
    IdleConnections(Vertx vertx, Duration idle, int perDestination, int total) {
        this.vertx = vertx;
        this.idle = idle;
        this.perDestination = perDestination;
        this.total = total;
    }

    /** A parked session to {@code destination} that is still open, most recently parked first. */
    Optional<Parked> take(Destination destination) {
        List<SmtpClientConnection> stale = new ArrayList<>();
        Optional<Parked> found = Optional.empty();
        synchronized (this) {
            Deque<Slot> slots = parked.get(destination);
            while (slots != null && !slots.isEmpty() && found.isEmpty()) {
                Slot slot = slots.pollLast();
                count--;
                vertx.cancelTimer(slot.timer());
                if (slot.parked().connection().open()) {
                    found = Optional.of(slot.parked());
                } else {
                    stale.add(slot.parked().connection());
                }
            }
            if (slots != null && slots.isEmpty()) {
                parked.remove(destination);
            }
        }
        stale.forEach(c -> c.close().subscribe().with(v -> { }, e -> { }));
        found.ifPresent(p -> p.connection().resume());
        return found;
    }

    /** Parks {@code session}; false when reuse is off or there is no room (the caller ends it). */
    boolean park(Destination destination, Parked session) {
        synchronized (this) {
            if (closed || idle.isZero() || count >= total) {
                return false;
            }
            Deque<Slot> slots = parked.computeIfAbsent(destination, d -> new ArrayDeque<>());
            if (slots.size() >= perDestination) {
                return false;
            }
            session.connection().suspend();
            long timer = vertx.setTimer(idle.toMillis(), t -> expire(destination, session));
            slots.addLast(new Slot(session, timer));
            count++;
            return true;
        }
    }

    /** Ends every parked session (QUIT); none is parked afterwards. */
    void closeAll() {
        List<Parked> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            parked.values().forEach(slots -> slots.forEach(slot -> {
                vertx.cancelTimer(slot.timer());
                all.add(slot.parked());
            }));
            parked.clear();
            count = 0;
        }
        all.forEach(p -> p.connection().quit(RemoteDelivery.QUIT_TIMEOUT).subscribe().with(v -> { }, e -> { }));
    }

    synchronized int parked() {
        return count;
    }

    private void expire(Destination destination, Parked session) {
        boolean removed;
        synchronized (this) {
            Deque<Slot> slots = parked.get(destination);
            removed = slots != null && slots.removeIf(slot -> slot.parked() == session);
            if (removed) {
                count--;
                if (slots.isEmpty()) {
                    parked.remove(destination);
                }
            }
        }
        if (removed) {
            session.connection().quit(RemoteDelivery.QUIT_TIMEOUT).subscribe().with(v -> { }, e -> { });
        }
    }
}
