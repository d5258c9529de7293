package io.mailserver.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * "Nothing is collected yet" is checked as a condition that holds for a while (Awaitility's
 * {@code during}), "collected" as one awaited; the margins are wide for a busy CI machine.
 */
class HashingMemoryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final AtomicInteger collections = new AtomicInteger();

    @Test
    void aBurstIsCollectedOnceWhenItIsOver() {
        try (HashingMemory memory = new HashingMemory(Duration.ofMillis(600), Duration.ZERO, collections::incrementAndGet)) {
            for (int i = 0; i < 5; i++) {
                memory.started();
                memory.finished();
            }
            staysAt(0, Duration.ofMillis(300));
            awaitCollections(1);
            staysAt(1, Duration.ofMillis(1000));

            memory.started();
            memory.finished();
            awaitCollections(2);
        }
    }

    @Test
    void nothingIsCollectedWhileAComputationRuns() {
        try (HashingMemory memory = new HashingMemory(Duration.ofMillis(100), Duration.ZERO, collections::incrementAndGet)) {
            memory.started();
            memory.started();
            memory.finished();
            staysAt(0, Duration.ofMillis(500));
            memory.finished();
            awaitCollections(1);
        }
    }

    @Test
    void collectionsAreSpacedByTheMinimumInterval() {
        try (HashingMemory memory = new HashingMemory(Duration.ofMillis(50), Duration.ofMillis(1500), collections::incrementAndGet)) {
            memory.started();
            memory.finished();
            awaitCollections(1);
            memory.started();
            memory.finished();
            staysAt(1, Duration.ofMillis(600));
            awaitCollections(2);
        }
    }

    @Test
    void zeroNeverCollects() {
        try (HashingMemory memory = new HashingMemory(Duration.ZERO, Duration.ZERO, collections::incrementAndGet)) {
            memory.started();
            memory.finished();
            staysAt(0, Duration.ofMillis(200));
        }
    }

    @Test
    void aComputationEndingAfterCloseStillEnds() {
        HashingMemory memory = new HashingMemory(Duration.ofMillis(50), Duration.ZERO, collections::incrementAndGet);
        memory.started();
        memory.close();
        memory.finished();
        assertThat(collections.get()).isZero();
    }

    private void staysAt(int expected, Duration period) {
        await().during(period).atMost(period.plus(PATIENCE)).until(() -> collections.get() == expected);
    }

    private void awaitCollections(int expected) {
        await().atMost(PATIENCE).until(() -> collections.get() >= expected);
        assertThat(collections.get()).isEqualTo(expected);
    }
}
