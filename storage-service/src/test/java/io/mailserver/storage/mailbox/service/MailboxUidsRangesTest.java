package io.mailserver.storage.mailbox.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.storage.mailbox.service.MailboxUids.Ranges;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The range arithmetic SELECT's incremental read relies on, against a plain set of UIDs. */
class MailboxUidsRangesTest {

    private static List<Long> uids(Ranges ranges) {
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            for (long uid = ranges.first()[i]; uid <= ranges.last()[i]; uid++) {
                all.add(uid);
            }
        }
        return all;
    }

    @Test
    void addedUidsJoinTheLastRangeWhenAdjacent() {
        Ranges ranges = Ranges.EMPTY.with(List.of(1L, 2L, 3L, 7L)).with(List.of(8L, 10L));
        assertThat(ranges.first()).containsExactly(1, 7, 10);
        assertThat(ranges.last()).containsExactly(3, 8, 10);
        assertThat(ranges.count()).isEqualTo(6);
        assertThat(ranges.lastUid()).isEqualTo(10);
    }

    @Test
    void removedUidsSplitTrimAndDropRanges() {
        Ranges ranges = Ranges.EMPTY.with(List.of(1L, 2L, 3L, 4L, 5L, 9L, 20L, 21L));
        Ranges left = ranges.without(List.of(0L, 1L, 3L, 5L, 9L, 15L, 21L, 30L));
        assertThat(uids(left)).containsExactly(2L, 4L, 20L);
        assertThat(left.size()).isEqualTo(3);
        assertThat(Ranges.EMPTY.without(List.of(1L)).size()).isZero();
        assertThat(ranges.without(List.of())).isSameAs(ranges);
    }

    @Test
    void randomChangesMatchASetOfUids() {
        Random random = new Random(11);
        TreeSet<Long> expected = new TreeSet<>();
        Ranges ranges = Ranges.EMPTY;
        long next = 1;
        for (int round = 0; round < 500; round++) {
            List<Long> added = new ArrayList<>();
            for (int i = random.nextInt(20); i > 0; i--) {
                next += 1 + (random.nextInt(4) == 0 ? random.nextInt(5) : 0);
                added.add(next);
            }
            expected.addAll(added);
            ranges = ranges.with(added);
            List<Long> removed = new ArrayList<>();
            for (long uid : expected) {
                if (random.nextInt(10) == 0) {
                    removed.add(uid);
                }
            }
            removed.add(next + 5); // a tombstone of a UID the ranges never held
            removed.forEach(expected::remove);
            ranges = ranges.without(removed);
            assertThat(uids(ranges)).containsExactlyElementsOf(expected);
            assertThat(ranges.count()).isEqualTo(expected.size());
            for (int i = 1; i < ranges.size(); i++) {
                assertThat(ranges.first()[i]).isGreaterThan(ranges.last()[i - 1] + 1);
            }
        }
    }
}
