package io.mailserver.imap.session;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions of this instance waiting to hear of changes to a mailbox (IDLE), by mailbox id.
 * {@link #changed} is called from the event consumer's thread; every watcher moves to its own
 * session's context itself.
 */
@Singleton
public class MailboxWatchers {

    private final Map<Long, Set<Runnable>> watchers = new ConcurrentHashMap<>();

    /** Runs {@code onChange} (from any thread) whenever the mailbox changes, until the returned action runs. */
    public Runnable watch(long mailboxId, Runnable onChange) {
        watchers.computeIfAbsent(mailboxId, id -> ConcurrentHashMap.newKeySet()).add(onChange);
        return () -> watchers.computeIfPresent(mailboxId, (id, set) -> {
            set.remove(onChange);
            return set.isEmpty() ? null : set;
        });
    }

    /** A mailbox changed: wakes its watchers; returns how many. */
    public int changed(long mailboxId) {
        Set<Runnable> set = watchers.get(mailboxId);
        if (set == null) {
            return 0;
        }
        for (Runnable watcher : set) {
            watcher.run();
        }
        return set.size();
    }

    /** Sessions watching a mailbox now. */
    public int watching() {
        return watchers.values().stream().mapToInt(Set::size).sum();
    }
}
