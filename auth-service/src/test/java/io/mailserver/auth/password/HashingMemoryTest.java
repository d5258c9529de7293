package io.mailserver.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Timing margins are wide (a quiet time of 600 ms against pauses of 50 ms) for a busy CI machine. */
class HashingMemoryTest {

    private final AtomicInteger collections = new AtomicInteger();

    @Test
    void aBurstIsCollectedOnceWhenItIsOver() throws Exception {
        try (HashingMemory memory = new HashingMemory(Duration.ofMillis(600), Duration.ZERO, collections::incrementAndGet)) {
            for (int i = 0; i < 5; i++) {
                memory.started();
                memory.finished();
                Thread.sleep(50);
            }
            assertThat(collections.get()).as("not during the burst").isZero();
            awaitCollections(1);
            Thread.sleep(1000);
            assertThat(collections.get()).as("nothing new to collect").isEqualTo(1);

            memory.started();
            memory.finished();
            awaitCollections(2);
        }
    }

    @Test
    void nothingIsCollectedWhileAComputationRuns() throws Exception {
        try (HashingMemory memory = new HashingMemory(Duration.ofMillis(100), Duration.ZERO, collections::incrementAndGet)) {
            memory.started();
            memory.started();
            memory.finished();
            Thread.sleep(500);
            assertThat(collections.get()).isZero();
            memory.finished();
            awaitCollections(1);
        }
    }

    @Test
    void collectionsAreSpacedByTheMinimumInterval() throws Exception {
        try (HashingMemory memory = new HashingMemory(Duration.ofMillis(50), Duration.ofMillis(1500), collections::incrementAndGet)) {
            memory.started();
            memory.finished();
            awaitCollections(1);
            memory.started();
            memory.finished();
            Thread.sleep(600);
            assertThat(collections.get()).as("a moment after the first").isEqualTo(1);
            awaitCollections(2);
        }
    }

    @Test
    void zeroNeverCollects() throws Exception {
        try (HashingMemory memory = new HashingMemory(Duration.ZERO, Duration.ZERO, collections::incrementAndGet)) {
            memory.started();
            memory.finished();
            Thread.sleep(200);
            assertThat(collections.get()).isZero();
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

    private void awaitCollections(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (collections.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(collections.get()).isEqualTo(expected);
    }
}
