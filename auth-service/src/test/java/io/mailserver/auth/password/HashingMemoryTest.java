package io.mailserver.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HashingMemoryTest {

    private final AtomicInteger collections = new AtomicInteger();

    @Test
    void aBurstIsCollectedOnceWhenItIsOver() throws Exception {
        try (HashingMemory memory = new HashingMemory(Duration.ofMillis(200), collections::incrementAndGet)) {
            for (int i = 0; i < 5; i++) {
                memory.started();
                memory.finished();
                Thread.sleep(50);
            }
            assertThat(collections.get()).as("not during the burst").isZero();
            Thread.sleep(600);
            assertThat(collections.get()).isEqualTo(1);
            Thread.sleep(400);
            assertThat(collections.get()).as("nothing new to collect").isEqualTo(1);

            memory.started();
            memory.finished();
            Thread.sleep(600);
            assertThat(collections.get()).as("the next burst").isEqualTo(2);
        }
    }

    @Test
    void nothingIsCollectedWhileAComputationRuns() throws Exception {
        try (HashingMemory memory = new HashingMemory(Duration.ofMillis(100), collections::incrementAndGet)) {
            memory.started();
            memory.started();
            memory.finished();
            Thread.sleep(400);
            assertThat(collections.get()).isZero();
            memory.finished();
            Thread.sleep(400);
            assertThat(collections.get()).isEqualTo(1);
        }
    }

    @Test
    void zeroNeverCollects() throws Exception {
        try (HashingMemory memory = new HashingMemory(Duration.ZERO, collections::incrementAndGet)) {
            memory.started();
            memory.finished();
            Thread.sleep(200);
            assertThat(collections.get()).isZero();
        }
    }
}
