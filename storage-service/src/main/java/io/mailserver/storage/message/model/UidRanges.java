package io.mailserver.storage.message.model;

import io.mailserver.contracts.storage.v1.UidRange;
import io.mailserver.contracts.storage.v1.UidSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A UID set as ascending, non-overlapping inclusive ranges, in the two-array form SQL takes it in
 * ({@code unnest($lo::bigint[], $hi::bigint[])}); a normalized set lets a join with the ranges never
 * match a message twice.
 */
public record UidRanges(Long[] low, Long[] high) {

    public static final long MAX_UID = 0xFFFF_FFFFL;

    public static UidRanges of(UidSet set) {
        List<long[]> ranges = new ArrayList<>(set.getRangesCount());
        for (UidRange r : set.getRangesList()) {
            long a = Integer.toUnsignedLong(r.getFirst());
            long b = Integer.toUnsignedLong(r.getLast());
            ranges.add(new long[] {Math.min(a, b), Math.max(a, b)});
        }
        ranges.sort(Comparator.comparingLong(r -> r[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] r : ranges) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(new long[] {r[0], r[1]});
            }
        }
        Long[] low = new Long[merged.size()];
        Long[] high = new Long[merged.size()];
        for (int i = 0; i < merged.size(); i++) {
            low[i] = merged.get(i)[0];
            high[i] = merged.get(i)[1];
        }
        return new UidRanges(low, high);
    }

    public static UidRanges all() {
        return new UidRanges(new Long[] {1L}, new Long[] {MAX_UID});
    }

    public boolean isEmpty() {
        return low.length == 0;
    }

    /** Ascending UIDs as the contract's ranges. */
    public static UidSet toUidSet(List<Long> ascendingUids) {
        UidSet.Builder set = UidSet.newBuilder();
        int i = 0;
        while (i < ascendingUids.size()) {
            long first = ascendingUids.get(i);
            long last = first;
            while (i + 1 < ascendingUids.size() && ascendingUids.get(i + 1) == last + 1) {
                i++;
                last = ascendingUids.get(i);
            }
            set.addRanges(UidRange.newBuilder().setFirst((int) first).setLast((int) last));
            i++;
        }
        return set.build();
    }
}
