package io.mailserver.imap.command;

import java.util.List;

/**
 * An IMAP sequence set (RFC 9051 §9 {@code sequence-set}) as the client wrote it: message sequence
 * numbers or UIDs, depending on the command. {@link #LARGEST} stands for {@code *}, the largest
 * number in use; what that is only the session knows. {@link #SAVED} is RFC 5182's {@code $}, the
 * messages the last {@code SEARCH RETURN (SAVE)} found, which only the session knows too.
 *
 * @param savedResult true for {@code $} (and then there are no ranges)
 */
public record SequenceSet(List<Range> ranges, boolean savedResult) {

    /** {@code $} (RFC 5182 SEARCHRES). */
    public static final SequenceSet SAVED = new SequenceSet(List.of(), true);

    /** The value of {@code *}; 0 is never a valid sequence number or UID. */
    public static final long LARGEST = 0;

    /** An inclusive range, in either order as IMAP allows ({@code 5:2} is {@code 2:5}). */
    public record Range(long first, long last) {

        public long low(long largest) {
            return Math.min(resolve(first, largest), resolve(last, largest));
        }

        public long high(long largest) {
            return Math.max(resolve(first, largest), resolve(last, largest));
        }

        private static long resolve(long value, long largest) {
            return value == LARGEST ? largest : value;
        }
    }

    public SequenceSet {
        if (ranges.isEmpty() != savedResult) {
            throw new IllegalArgumentException("a sequence set has at least one range, $ has none");
        }
        ranges = List.copyOf(ranges);
    }

    public SequenceSet(List<Range> ranges) {
        this(ranges, false);
    }

    /** Whether {@code value} lies in the set, {@code *} standing for {@code largest}. */
    public boolean contains(long value, long largest) {
        for (Range r : ranges) {
            if (value >= r.low(largest) && value <= r.high(largest)) {
                return true;
            }
        }
        return false;
    }

    /** The largest number named explicitly or through {@code *}. */
    public long highest(long largest) {
        long max = 0;
        for (Range r : ranges) {
            max = Math.max(max, r.high(largest));
        }
        return max;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Range r : ranges) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(r.first == LARGEST ? "*" : Long.toString(r.first));
            if (r.first != r.last) {
                out.append(':').append(r.last == LARGEST ? "*" : Long.toString(r.last));
            }
        }
        return out.toString();
    }
}
