package io.mailserver.storage.mailbox.service;

import io.mailserver.contracts.storage.v1.UidRange;
import io.mailserver.contracts.storage.v1.UidSet;
import io.mailserver.storage.config.StorageConfig;
import io.mailserver.storage.mailbox.model.MailboxRow;
import io.mailserver.storage.message.repository.MessageRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The UIDs of the mailboxes selected lately, each kept as ranges with the MODSEQ they were read at,
 * so that SELECT reads only what changed since instead of every row (100,000 rows took about 100 ms
 * and grew with the mailbox). UIDs only grow and every expunge leaves a tombstone with its MODSEQ, so
 * what changed is the UIDs above the last one known and the tombstones since that MODSEQ: two index
 * lookups. The read is checked against the mailbox row's message count from the same snapshot; any
 * difference reads every UID again, on every path. Per instance (nothing is shared, nothing needs
 * invalidating: the MODSEQ says what is current), bounded by {@code mail.storage.select.cached-ranges}:
 * each range counts one, each mailbox {@link #ENTRY_COST} more for its bookkeeping.
 */
@ApplicationScoped
public class MailboxUids {

    /** What one kept mailbox costs beyond its ranges (map entry, key, records, arrays), in 16-octet ranges. */
    static final int ENTRY_COST = 10;

    private final MessageRepository messages;
    private final long maxRanges;
    /** By mailbox id, least recently used first. */
    private final LinkedHashMap<Long, Known> known = new LinkedHashMap<>(64, 0.75f, true);
    private long heldRanges;

    public MailboxUids(MessageRepository messages, StorageConfig config) {
        this.messages = messages;
        this.maxRanges = Math.max(0, config.select().cachedRanges());
    }

    /** The mailbox's UIDs as of {@code mailbox}, which the caller read in the same snapshot as {@code sql}. */
    public Uni<Ranges> read(SqlClient sql, MailboxRow mailbox) {
        Known before = lookup(mailbox);
        if (before != null && before.modseq() == mailbox.highestModseq() && before.count() == mailbox.messageCount()) {
            return Uni.createFrom().item(before.ranges());
        }
        Uni<Ranges> read = before == null || before.modseq() >= mailbox.highestModseq()
                ? readAll(sql, mailbox)
                // what went and what came since, asked together: one round trip
                : Uni.combine().all().unis(
                                messages.expungedSince(sql, mailbox.accountId(), mailbox.mailboxId(), before.modseq()),
                                messages.uidsAfter(sql, mailbox.accountId(), mailbox.mailboxId(), before.ranges().lastUid()))
                        .asTuple()
                        .map(delta -> before.ranges().without(delta.getItem1()).with(delta.getItem2()))
                        .flatMap(ranges -> ranges.count() == mailbox.messageCount()
                                ? Uni.createFrom().item(ranges)
                                : readAll(sql, mailbox));
        return read.invoke(ranges -> remember(mailbox, ranges));
    }

    private Uni<Ranges> readAll(SqlClient sql, MailboxRow mailbox) {
        return messages.uidsAfter(sql, mailbox.accountId(), mailbox.mailboxId(), 0).map(Ranges.EMPTY::with);
    }

    private synchronized Known lookup(MailboxRow mailbox) {
        Known entry = known.get(mailbox.mailboxId());
        return entry != null && entry.uidValidity() == mailbox.uidValidity() ? entry : null;
    }

    private synchronized void remember(MailboxRow mailbox, Ranges ranges) {
        long cost = ranges.size() + ENTRY_COST;
        if (cost > maxRanges / 4) {
            return; // one fragmented mailbox must not push out all the others (and 0 keeps none)
        }
        Known entry = known.get(mailbox.mailboxId());
        if (entry != null) {
            if (entry.uidValidity() == mailbox.uidValidity() && entry.modseq() > mailbox.highestModseq()) {
                return; // a concurrent SELECT read a newer snapshot
            }
            heldRanges -= entry.cost();
        }
        known.put(mailbox.mailboxId(), new Known(mailbox.uidValidity(), mailbox.highestModseq(), ranges, ranges.count()));
        heldRanges += cost;
        Iterator<Map.Entry<Long, Known>> oldest = known.entrySet().iterator();
        while (heldRanges > maxRanges && oldest.hasNext()) {
            heldRanges -= oldest.next().getValue().cost();
            oldest.remove();
        }
    }

    private record Known(long uidValidity, long modseq, Ranges ranges, long count) {

        long cost() {
            return ranges.size() + ENTRY_COST;
        }
    }

    /** Ascending, disjoint, non-adjacent UID ranges: {@code first[i]..last[i]}. Immutable. */
    public record Ranges(long[] first, long[] last) {

        static final Ranges EMPTY = new Ranges(new long[0], new long[0]);

        public int size() {
            return first.length;
        }

        public long count() {
            long n = 0;
            for (int i = 0; i < first.length; i++) {
                n += last[i] - first[i] + 1;
            }
            return n;
        }

        /** The highest UID, 0 when empty. */
        public long lastUid() {
            return last.length == 0 ? 0 : last[last.length - 1];
        }

        public UidSet toUidSet() {
            UidSet.Builder set = UidSet.newBuilder();
            for (int i = 0; i < first.length; i++) {
                set.addRanges(UidRange.newBuilder().setFirst((int) first[i]).setLast((int) last[i]));
            }
            return set.build();
        }

        /** These and {@code added}, ascending UIDs all above {@link #lastUid()}. */
        Ranges with(List<Long> added) {
            Builder out = new Builder(first.length + Math.min(added.size(), 16));
            for (int i = 0; i < first.length; i++) {
                out.add(first[i], last[i]);
            }
            for (long uid : added) {
                out.add(uid, uid);
            }
            return out.build();
        }

        /** These without {@code removed}, ascending UIDs. */
        Ranges without(List<Long> removed) {
            if (removed.isEmpty()) {
                return this;
            }
            Builder out = new Builder(first.length + removed.size());
            int r = 0;
            for (int i = 0; i < first.length; i++) {
                long from = first[i];
                while (r < removed.size() && removed.get(r) < from) {
                    r++;
                }
                while (r < removed.size() && removed.get(r) <= last[i]) {
                    long gone = removed.get(r++);
                    if (gone > from) {
                        out.add(from, gone - 1);
                    }
                    from = gone + 1;
                }
                if (from <= last[i]) {
                    out.add(from, last[i]);
                }
            }
            return out.build();
        }

        private static final class Builder {
            private long[] first;
            private long[] last;
            private int size;

            Builder(int capacity) {
                first = new long[Math.max(4, capacity)];
                last = new long[first.length];
            }

            /** Appends {@code from..to}, all above what was added before; joins an adjacent range. */
            void add(long from, long to) {
                if (size > 0 && last[size - 1] + 1 >= from) {
                    last[size - 1] = Math.max(last[size - 1], to);
                    return;
                }
                if (size == first.length) {
                    first = Arrays.copyOf(first, size * 2);
                    last = Arrays.copyOf(last, size * 2);
                }
                first[size] = from;
                last[size] = to;
                size++;
            }

            Ranges build() {
                return new Ranges(Arrays.copyOf(first, size), Arrays.copyOf(last, size));
            }
        }
    }
}
