package io.mailserver.imap.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailboxVersionsTest {

    @Test
    void aMailboxLooksChangedOnlyAfterAnEventAboveWhatTheSessionKnows() {
        MailboxVersions versions = new MailboxVersions();
        assertThat(versions.unchangedSince(7, 1)).isTrue();
        versions.announced(7, 12);
        assertThat(versions.unchangedSince(7, 11)).isFalse();
        assertThat(versions.unchangedSince(7, 12)).isTrue();
        // events may come late and out of order; the slot keeps the highest
        versions.announced(7, 10);
        assertThat(versions.unchangedSince(7, 11)).isFalse();
    }

    @Test
    void manyMailboxesShareSlotsWithoutEverHidingAChange() {
        MailboxVersions versions = new MailboxVersions();
        for (long id = 1; id <= 200_000; id++) {
            versions.announced(id, id % 1000 + 1);
        }
        for (long id = 1; id <= 200_000; id++) {
            assertThat(versions.unchangedSince(id, id % 1000)).isFalse();
        }
    }
}
