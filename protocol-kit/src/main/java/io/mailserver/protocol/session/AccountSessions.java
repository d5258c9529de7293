package io.mailserver.protocol.session;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The authenticated sessions of one service instance, by account: what lets the instance end every
 * session of an account that was disabled or deleted, whichever thread hears of it. Sessions
 * register when they log in and deregister when they close.
 */
public final class AccountSessions {

    /** A session that can be told to end. Called from any thread; the session moves to its own. */
    @FunctionalInterface
    public interface Session {
        void end(String reason);
    }

    private final Map<Long, Set<Session>> byAccount = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    /** Registers {@code session} for {@code accountId}; run the returned action when it closes. */
    public Runnable register(long accountId, Session session) {
        byAccount.computeIfAbsent(accountId, id -> ConcurrentHashMap.newKeySet()).add(session);
        open.incrementAndGet();
        return () -> byAccount.computeIfPresent(accountId, (id, sessions) -> {
            if (sessions.remove(session)) {
                open.decrementAndGet();
            }
            return sessions.isEmpty() ? null : sessions;
        });
    }

    /** Tells every session of {@code accountId} to end; returns how many there were. */
    public int endAll(long accountId, String reason) {
        Set<Session> sessions = byAccount.get(accountId);
        if (sessions == null) {
            return 0;
        }
        List<Session> snapshot = List.copyOf(sessions);
        snapshot.forEach(session -> session.end(reason));
        return snapshot.size();
    }

    /** Authenticated sessions open now. */
    public int open() {
        return open.get();
    }
}
