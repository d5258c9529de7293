package io.mailserver.imap.codec;

import io.mailserver.imap.command.SequenceSet;
import java.util.ArrayList;
import java.util.List;

/** RFC 9051 §9 {@code sequence-set}: {@code 1}, {@code 2:4}, {@code 5:*}, {@code *}, comma-separated. */
public final class SequenceSetParser {

    private static final long MAX_NUMBER = 0xFFFF_FFFFL;

    private SequenceSetParser() {
    }

    /** The set, or null when {@code text} is not a sequence set. */
    public static SequenceSet parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        List<SequenceSet.Range> ranges = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            String item = text.substring(start, end);
            int colon = item.indexOf(':');
            long first;
            long last;
            if (colon < 0) {
                first = number(item);
                last = first;
            } else {
                first = number(item.substring(0, colon));
                last = number(item.substring(colon + 1));
            }
            if (first < 0 || last < 0) {
                return null;
            }
            ranges.add(new SequenceSet.Range(first, last));
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        return new SequenceSet(ranges);
    }

    /** A seq-number: {@link SequenceSet#LARGEST} for "*", the number, or -1 when invalid. */
    private static long number(String text) {
        if (text.equals("*")) {
            return SequenceSet.LARGEST;
        }
        if (text.isEmpty() || text.length() > 10 || text.charAt(0) == '0') {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value > MAX_NUMBER ? -1 : value;
    }
}
