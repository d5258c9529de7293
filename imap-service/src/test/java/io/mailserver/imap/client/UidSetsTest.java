package io.mailserver.imap.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.contracts.storage.v1.UidRange;
import io.mailserver.contracts.storage.v1.UidSet;
import io.mailserver.imap.codec.SequenceSetParser;
import io.mailserver.imap.session.MessageNumbers;
import org.junit.jupiter.api.Test;

class UidSetsTest {

    private static final MessageNumbers NUMBERS = MessageNumbers.of(3, 4, 5, 9, 10, 20);

    private static String ranges(UidSet set) {
        StringBuilder out = new StringBuilder();
        for (UidRange r : set.getRangesList()) {
            out.append(out.length() == 0 ? "" : ",").append(Integer.toUnsignedString(r.getFirst())).append(':')
                    .append(Integer.toUnsignedString(r.getLast()));
        }
        return out.toString();
    }

    @Test
    void consecutivePositionsBecomeOneRangeWhateverFellBetween() {
        assertThat(ranges(UidSets.all(NUMBERS))).isEqualTo("3:20");
        assertThat(ranges(UidSets.of(NUMBERS, NUMBERS.bySequence(SequenceSetParser.parse("2,4:5"), true))))
                .isEqualTo("4:4,9:10");
        assertThat(ranges(UidSets.all(MessageNumbers.EMPTY))).isEmpty();
    }

    @Test
    void exactlyTheseUidsKeepTheirGaps() {
        assertThat(ranges(UidSets.exactly(MessageNumbers.of(3, 9)))).isEqualTo("3:3,9:9");
        assertThat(ranges(UidSets.exactly(MessageNumbers.of(3, 4, 5, 9, -2, -1)))).isEqualTo("3:5,9:9,4294967294:4294967295");
    }

    @Test
    void storageRangesBecomeTheSessionsNumbersUnsigned() {
        MessageNumbers big = UidSets.numbers(UidSet.newBuilder()
                .addRanges(UidRange.newBuilder().setFirst(5).setLast(6))
                .addRanges(UidRange.newBuilder().setFirst(-2).setLast(-1)).build());
        assertThat(big.size()).isEqualTo(4);
        assertThat(Integer.toUnsignedString(big.largestUid())).isEqualTo("4294967295");
        assertThat(ranges(UidSets.all(big))).isEqualTo("5:4294967295");
    }
}
