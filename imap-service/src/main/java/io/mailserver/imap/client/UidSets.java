package io.mailserver.imap.client;

import io.mailserver.contracts.storage.v1.UidRange;
import io.mailserver.contracts.storage.v1.UidSet;
import io.mailserver.imap.session.MessageNumbers;
import java.util.BitSet;

/** UID sets between the session's {@link MessageNumbers} and storage's ranges. */
final class UidSets {

    private UidSets() {
    }

    /** The UIDs at {@code positions} of {@code numbers}, as few ranges as they allow. */
    static UidSet of(MessageNumbers numbers, BitSet positions) {
        UidSet.Builder set = UidSet.newBuilder();
        numbers.forEachRun(positions, (first, last) -> set.addRanges(range(first, last)));
        return set.build();
    }

    /** Every UID of {@code numbers}. */
    static UidSet all(MessageNumbers numbers) {
        UidSet.Builder set = UidSet.newBuilder();
        numbers.forEachRun((first, last) -> set.addRanges(range(first, last)));
        return set.build();
    }

    /**
     * Exactly the UIDs of {@code uids}, a range only where they are consecutive numbers: for a set
     * that is not the session's whole numbering, where a gap may hold a message that exists.
     */
    static UidSet exactly(MessageNumbers uids) {
        UidSet.Builder set = UidSet.newBuilder();
        int[] all = uids.toArray();
        int i = 0;
        while (i < all.length) {
            int j = i;
            while (j + 1 < all.length && Integer.toUnsignedLong(all[j + 1]) == Integer.toUnsignedLong(all[j]) + 1) {
                j++;
            }
            set.addRanges(range(all[i], all[j]));
            i = j + 1;
        }
        return set.build();
    }

    /** From ascending, non-overlapping ranges, as storage sends them; anything else is sorted. */
    static MessageNumbers numbers(UidSet set) {
        long total = 0;
        for (UidRange r : set.getRangesList()) {
            total += Integer.toUnsignedLong(r.getLast()) - Integer.toUnsignedLong(r.getFirst()) + 1;
        }
        int[] uids = new int[Math.toIntExact(total)];
        int i = 0;
        for (UidRange r : set.getRangesList()) {
            for (long uid = Integer.toUnsignedLong(r.getFirst()); uid <= Integer.toUnsignedLong(r.getLast()); uid++) {
                uids[i++] = (int) uid;
            }
        }
        return MessageNumbers.adopt(uids);
    }

    private static UidRange range(int first, int last) {
        return UidRange.newBuilder().setFirst(first).setLast(last).build();
    }
}
