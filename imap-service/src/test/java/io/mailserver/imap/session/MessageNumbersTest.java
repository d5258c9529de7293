package io.mailserver.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.imap.codec.SequenceSetParser;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class MessageNumbersTest {

    private static final MessageNumbers NUMBERS = MessageNumbers.of(3, 4, 5, 9, 10, 20);

    /** The runs {@link MessageNumbers#forEachRun} gives for the positions. */
    private static String ranges(BitSet positions) {
        StringBuilder out = new StringBuilder();
        NUMBERS.forEachRun(positions, (first, last) -> out.append(out.length() == 0 ? "" : ",")
                .append(Integer.toUnsignedString(first)).append(':').append(Integer.toUnsignedString(last)));
        return out.toString();
    }

    @Test
    void sequenceNumbersMapToUidRanges() {
        assertThat(NUMBERS.uid(4)).isEqualTo(9);
        assertThat(NUMBERS.sequenceOf(10)).isEqualTo(5);
        assertThat(NUMBERS.sequenceOf(11)).isZero();
        assertThat(ranges(NUMBERS.bySequence(SequenceSetParser.parse("1:*"), true))).isEqualTo("3:20");
        assertThat(ranges(NUMBERS.bySequence(SequenceSetParser.parse("2,4:5"), true))).isEqualTo("4:4,9:10");
        assertThat(ranges(NUMBERS.bySequence(SequenceSetParser.parse("*"), true))).isEqualTo("20:20");
        assertThat(NUMBERS.bySequence(SequenceSetParser.parse("7"), true)).isNull();
        assertThat(NUMBERS.bySequence(SequenceSetParser.parse("5:9"), false).cardinality()).isEqualTo(2);
        assertThat(MessageNumbers.EMPTY.bySequence(SequenceSetParser.parse("1:*"), true)).isNull();
    }

    @Test
    void uidSetsSelectOnlyKnownUids() {
        assertThat(ranges(NUMBERS.byUid(SequenceSetParser.parse("1:4,8:*")))).isEqualTo("3:4,9:20");
        // n:* with n above every UID still names the largest one (RFC 9051 §6.4.9)
        assertThat(ranges(NUMBERS.byUid(SequenceSetParser.parse("100:*")))).isEqualTo("20:20");
        assertThat(NUMBERS.byUid(SequenceSetParser.parse("6:8")).isEmpty()).isTrue();
        assertThat(MessageNumbers.EMPTY.byUid(SequenceSetParser.parse("1:*")).isEmpty()).isTrue();
    }

    @Test
    void unsignedUids() {
        MessageNumbers big = MessageNumbers.of(5, 6, -2, -1);
        assertThat(big.size()).isEqualTo(4);
        assertThat(Integer.toUnsignedString(big.largestUid())).isEqualTo("4294967295");
        assertThat(big.byUid(SequenceSetParser.parse("4294967294:*")).cardinality()).isEqualTo(2);
    }

    @Test
    void changes() {
        BitSet drop = new BitSet();
        drop.set(0);
        drop.set(3);
        MessageNumbers less = NUMBERS.removePositions(drop);
        assertThat(less.toArray()).containsExactly(4, 5, 10, 20);
        assertThat(less.append(new int[] {21, 30}).toArray()).containsExactly(4, 5, 10, 20, 21, 30);
        assertThat(NUMBERS.intersect(MessageNumbers.of(1, 4, 20, 99)).toArray()).containsExactly(4, 20);
        assertThat(NUMBERS.at(drop).toArray()).containsExactly(3, 9);
        assertThat(NUMBERS.from(6).toArray()).containsExactly(9, 10, 20);
        assertThat(NUMBERS.from(21).isEmpty()).isTrue();
        assertThat(MessageNumbers.of(5, 1).union(MessageNumbers.of(3, 5)).toArray()).containsExactly(1, 3, 5);
    }
}
