package io.mailserver.imap.session;

import io.mailserver.imap.command.SequenceSet;
import java.util.Arrays;
import java.util.BitSet;

/**
 * An immutable ascending list of UIDs: position i (0-based) is message sequence number i + 1
 * (RFC 9051 §2.3.1.2). UIDs are unsigned 32-bit values held in ints and always compared unsigned.
 */
public final class MessageNumbers {

    public static final MessageNumbers EMPTY = new MessageNumbers(new int[0]);

    private final int[] uids;

    private MessageNumbers(int[] uids) {
        this.uids = uids;
    }

    public static MessageNumbers of(int... uids) {
        return new MessageNumbers(sorted(uids.clone()));
    }

    /** Takes {@code uids} as it is, without a copy: the caller hands it over. */
    public static MessageNumbers adopt(int[] uids) {
        return new MessageNumbers(sorted(uids));
    }

    private static int[] sorted(int[] uids) {
        for (int i = 1; i < uids.length; i++) {
            if (Integer.compareUnsigned(uids[i - 1], uids[i]) >= 0) {
                // storage promises ascending order; tolerate anything else by sorting unsigned
                long[] wide = new long[uids.length];
                for (int j = 0; j < uids.length; j++) {
                    wide[j] = Integer.toUnsignedLong(uids[j]);
                }
                long[] distinct = Arrays.stream(wide).sorted().distinct().toArray();
                int[] out = new int[distinct.length];
                for (int j = 0; j < distinct.length; j++) {
                    out[j] = (int) distinct[j];
                }
                return out;
            }
        }
        return uids;
    }

    public int size() {
        return uids.length;
    }

    public boolean isEmpty() {
        return uids.length == 0;
    }

    /** UID of message {@code sequence} (1-based). */
    public int uid(int sequence) {
        return uids[sequence - 1];
    }

    /** Sequence number of {@code uid}, or 0 when the client does not know that UID. */
    public int sequenceOf(int uid) {
        int index = indexOf(uid);
        return index >= 0 ? index + 1 : 0;
    }

    public boolean contains(int uid) {
        return indexOf(uid) >= 0;
    }

    /** The largest UID, 0 when empty. */
    public int largestUid() {
        return uids.length == 0 ? 0 : uids[uids.length - 1];
    }

    public int[] toArray() {
        return uids.clone();
    }

    /**
     * Positions selected by a set of sequence numbers. With {@code strict}, a number beyond the
     * last message makes the whole set invalid (null): FETCH and STORE answer BAD then; SEARCH
     * just ignores such numbers.
     */
    public BitSet bySequence(SequenceSet set, boolean strict) {
        BitSet selected = new BitSet(uids.length);
        for (SequenceSet.Range range : set.ranges()) {
            long low = range.low(uids.length);
            long high = range.high(uids.length);
            if (strict && (high > uids.length || low < 1)) {
                return null;
            }
            high = Math.min(high, uids.length);
            if (low >= 1 && low <= high) {
                selected.set((int) low - 1, (int) high);
            }
        }
        return selected;
    }

    /** Positions of the known messages whose UIDs the set names; unknown UIDs are ignored (RFC 9051 §6.4.9). */
    public BitSet byUid(SequenceSet set) {
        BitSet selected = new BitSet(uids.length);
        if (uids.length == 0) {
            return selected;
        }
        long largest = Integer.toUnsignedLong(largestUid());
        for (SequenceSet.Range range : set.ranges()) {
            long low = range.low(largest);
            long high = range.high(largest);
            int from = lowerBound(low);
            int to = lowerBound(high + 1);
            if (from < to) {
                selected.set(from, to);
            }
        }
        return selected;
    }

    /**
     * The UIDs at the selected positions as ranges, for storage: runs of consecutive positions
     * become one range. A UID between two known ones cannot exist in storage any more (UIDs only
     * grow, and whatever fell between was expunged), so the ranges name exactly the selected messages.
     */
    public void forEachRun(BitSet positions, RunConsumer runs) {
        int start = positions.nextSetBit(0);
        while (start >= 0 && start < uids.length) {
            int end = positions.nextClearBit(start);
            runs.accept(uids[start], uids[Math.min(end, uids.length) - 1]);
            start = positions.nextSetBit(end);
        }
    }

    /** Every known UID, as {@link #forEachRun} gives them. */
    public void forEachRun(RunConsumer runs) {
        BitSet all = new BitSet(uids.length);
        all.set(0, uids.length);
        forEachRun(all, runs);
    }

    /** Receives one run of UIDs, first and last inclusive. */
    @FunctionalInterface
    public interface RunConsumer {
        void accept(int firstUid, int lastUid);
    }

    /** This list followed by {@code newer} (each larger than every UID here). */
    public MessageNumbers append(int[] newer) {
        if (newer.length == 0) {
            return this;
        }
        int[] out = Arrays.copyOf(uids, uids.length + newer.length);
        System.arraycopy(newer, 0, out, uids.length, newer.length);
        return new MessageNumbers(sorted(out));
    }

    /** This list without the messages at the given positions (0-based). */
    public MessageNumbers removePositions(BitSet positions) {
        int[] out = new int[uids.length - positions.cardinality()];
        int j = 0;
        for (int i = 0; i < uids.length; i++) {
            if (!positions.get(i)) {
                out[j++] = uids[i];
            }
        }
        return new MessageNumbers(out);
    }

    /** Positions of those UIDs of {@code others} that are in this list. */
    public BitSet positionsOf(MessageNumbers others) {
        BitSet positions = new BitSet(uids.length);
        for (int uid : others.uids) {
            int index = indexOf(uid);
            if (index >= 0) {
                positions.set(index);
            }
        }
        return positions;
    }

    /** The UIDs from {@code uid} up (unsigned). */
    public MessageNumbers from(int uid) {
        int start = lowerBound(Integer.toUnsignedLong(uid));
        return start == 0 ? this : new MessageNumbers(Arrays.copyOfRange(uids, start, uids.length));
    }

    /** The UIDs at the given positions (0-based). */
    public MessageNumbers at(BitSet positions) {
        int[] out = new int[positions.cardinality()];
        int j = 0;
        for (int i = positions.nextSetBit(0); i >= 0 && i < uids.length; i = positions.nextSetBit(i + 1)) {
            out[j++] = uids[i];
        }
        return new MessageNumbers(j == out.length ? out : Arrays.copyOf(out, j));
    }

    /** The UIDs of this list that are also in {@code others}. */
    public MessageNumbers intersect(MessageNumbers others) {
        return at(positionsOf(others));
    }

    /** The union of this list and {@code other}. */
    public MessageNumbers union(MessageNumbers other) {
        if (other.isEmpty()) {
            return this;
        }
        int[] out = Arrays.copyOf(uids, uids.length + other.uids.length);
        System.arraycopy(other.uids, 0, out, uids.length, other.uids.length);
        return new MessageNumbers(sorted(out));
    }

    /** Index of the first UID not below {@code value} (unsigned), or size when none. */
    private int lowerBound(long value) {
        int low = 0;
        int high = uids.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (Integer.toUnsignedLong(uids[mid]) < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private int indexOf(int uid) {
        int index = lowerBound(Integer.toUnsignedLong(uid));
        return index < uids.length && uids[index] == uid ? index : -1;
    }
}
