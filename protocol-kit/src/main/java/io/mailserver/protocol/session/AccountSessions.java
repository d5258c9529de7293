package io.mailserver.protocol.session;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The authenticated sessions of one service instance, by account: what lets the instance end every
 * session of an account that was disabled or deleted, whichever thread hears of it, as soon as an
 * event says so ({@link #accountChanged}) and, for an event it may have missed, at the next periodic
 * {@link #recheck}. Sessions register when they log in and deregister when they close.
 */
public final class AccountSessions {

    /** What a session is told when its account was deleted. */
    public static final String REMOVED = "Account removed";
    /** What a session is told when its account may no longer log in. */
    public static final String DISABLED = "Account disabled";

    /** A session that can be told to end. Called from any thread; the session moves to its own. */
    @FunctionalInterface
    public interface Session {
        void end(String reason);
    }

    private final Map<Long, Set<Session>> byAccount = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    /** Registers {@code session} for {@code accountId}; run the returned action when it closes. */
    public Runnable register(long accountId, Session session) {
        return tryRegister(accountId, session, Integer.MAX_VALUE);
    }

    /**
     * Registers {@code session} for {@code accountId} unless the account already has {@code limit}
     * sessions here; the action to run when it closes, or null when the account is at its limit.
     */
    public Runnable tryRegister(long accountId, Session session, int limit) {
        boolean[] added = {false};
        // Added inside the map's own update, so a concurrent deregistration cannot drop the set under it.
        byAccount.compute(accountId, (id, sessions) -> {
            Set<Session> set = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
            if (set.size() < limit) {
                added[0] = set.add(session);
            }
            return set.isEmpty() ? null : set;
        });
        if (!added[0]) {
            return null;
        }
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

    /** What the owner of the accounts (auth-service) says of one. */
    public enum AccountState {
        /** May log in. */
        ACTIVE,
        DISABLED,
        /** Does not exist (deleted). */
        GONE
    }

    /**
     * An account changed (an event from auth-service): ends its sessions if it was deleted or may no
     * longer log in; returns how many ended.
     */
    public int accountChanged(long accountId, boolean deleted, boolean enabled) {
        if (deleted) {
            return endAll(accountId, REMOVED);
        }
        return enabled ? 0 : endAll(accountId, DISABLED);
    }

    /**
     * Asks {@code lookup} about every account with sessions here, one at a time, and ends the
     * sessions of those gone or disabled: the check that does not depend on having seen an event.
     * A lookup that fails leaves that account's sessions alone. Completes with how many sessions ended.
     */
    public CompletionStage<Integer> recheck(Function<Long, CompletionStage<AccountState>> lookup) {
        CompletionStage<Integer> chain = CompletableFuture.completedFuture(0);
        for (Long accountId : List.copyOf(byAccount.keySet())) {
            chain = chain.thenCompose(ended -> lookup.apply(accountId)
                    .handle((state, failure) -> {
                        if (failure != null || state == null || state == AccountState.ACTIVE) {
                            return ended;
                        }
                        return ended + endAll(accountId, state == AccountState.GONE ? REMOVED : DISABLED);
                    }));
        }
        return chain;
    }

    /** Authenticated sessions open now. */
    public int open() {
        return open.get();
    }
}
