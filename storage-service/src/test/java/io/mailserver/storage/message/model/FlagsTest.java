package io.mailserver.storage.message.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailserver.contracts.storage.v1.UidRange;
import io.mailserver.contracts.storage.v1.UidSet;
import io.mailserver.storage.failure.StorageException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flags arithmetic and UID set normalization. */
class FlagsTest {

    @Test
    void systemFlagsAreCaseInsensitiveAndKeywordsKeepTheirFirstSpelling() {
        Flags flags = Flags.parse(List.of("\\SEEN", "$Label", "$label", "\\Recent"));

        assertThat(flags.names()).containsExactly("\\Seen", "$Label");
        Flags added = flags.apply(Flags.Mode.ADD, Flags.parse(List.of("$LABEL", "\\Flagged", "Other")));
        assertThat(added.names()).containsExactly("\\Flagged", "\\Seen", "$Label", "Other");
        assertThat(added.apply(Flags.Mode.REMOVE, Flags.parse(List.of("$label", "\\seen"))).names())
                .containsExactly("\\Flagged", "Other");
        assertThat(flags.sameAs(Flags.parse(List.of("$LABEL", "\\Seen")))).isTrue();
    }

    @Test
    void unknownSystemFlagsAndNonAtomsAreRefused() {
        assertThatThrownBy(() -> Flags.parse(List.of("\\Bogus"))).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> Flags.parse(List.of("two words"))).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> Flags.parse(List.of(""))).isInstanceOf(StorageException.class);
    }

    @Test
    void uidSetsAreSortedMergedAndReversedRangesFixed() {
        UidSet set = UidSet.newBuilder()
                .addRanges(UidRange.newBuilder().setFirst(10).setLast(5))
                .addRanges(UidRange.newBuilder().setFirst(1).setLast(2))
                .addRanges(UidRange.newBuilder().setFirst(3).setLast(4))
                .addRanges(UidRange.newBuilder().setFirst(20).setLast(-1))
                .build();

        UidRanges ranges = UidRanges.of(set);

        assertThat(ranges.low()).containsExactly(1L, 20L);
        assertThat(ranges.high()).containsExactly(10L, 0xFFFF_FFFFL);
        assertThat(UidRanges.toUidSet(List.of(1L, 2L, 3L, 7L, 9L, 10L)).getRangesList()).containsExactly(
                UidRange.newBuilder().setFirst(1).setLast(3).build(),
                UidRange.newBuilder().setFirst(7).setLast(7).build(),
                UidRange.newBuilder().setFirst(9).setLast(10).build());
    }
}
