package io.mailserver.pop3.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.contracts.storage.v1.UidRange;
import io.mailserver.contracts.storage.v1.UidSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageClientTest {

    private static UidRange range(long first, long last) {
        return UidRange.newBuilder().setFirst((int) first).setLast((int) last).build();
    }

    @Test
    void ascendingUidsBecomeTheFewestRanges() {
        assertThat(StorageClient.uidSet(List.of()).getRangesList()).isEmpty();
        assertThat(StorageClient.uidSet(List.of(5L)).getRangesList()).containsExactly(range(5, 5));
        assertThat(StorageClient.uidSet(List.of(1L, 2L, 3L, 7L, 9L, 10L)).getRangesList())
                .containsExactly(range(1, 3), range(7, 7), range(9, 10));
        assertThat(StorageClient.uidSet(List.of(4294967294L, 4294967295L)).getRangesList())
                .containsExactly(range(4294967294L, 4294967295L));
    }

    @Test
    void countingUnsignedRanges() {
        UidSet set = UidSet.newBuilder().addRanges(range(1, 3)).addRanges(range(4294967290L, 4294967295L)).build();
        assertThat(StorageClient.count(set)).isEqualTo(9);
    }
}
