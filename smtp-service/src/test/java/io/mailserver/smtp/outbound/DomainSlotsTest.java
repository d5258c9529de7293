package io.mailserver.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainSlotsTest {

    @Test
    void attemptsOverTheLimitWaitInOrderAndStartAsOthersEnd() {
        DomainSlots slots = new DomainSlots(2);
        List<String> started = new ArrayList<>();
        for (String name : List.of("a1", "a2", "a3", "a4")) {
            slots.submit("a.example", () -> started.add(name));
        }
        slots.submit("b.example", () -> started.add("b1"));
        // another domain is not held up by a busy one
        assertThat(started).containsExactly("a1", "a2", "b1");
        assertThat(slots.running("a.example")).isEqualTo(2);
        assertThat(slots.waiting("a.example")).isEqualTo(2);

        slots.release("a.example");
        assertThat(started).containsExactly("a1", "a2", "b1", "a3");
        assertThat(slots.running("a.example")).isEqualTo(2);
        slots.release("a.example");
        slots.release("a.example");
        slots.release("a.example");
        assertThat(started).containsExactly("a1", "a2", "b1", "a3", "a4");
        assertThat(slots.running("a.example")).isZero();
        assertThat(slots.waiting("a.example")).isZero();
    }

    @Test
    void heldCountsRunningAndWaitingAttemptsForTheNextLease() {
        DomainSlots slots = new DomainSlots(2);
        for (int i = 0; i < 3; i++) {
            slots.submit("a.example", () -> { });
        }
        slots.submit("b.example", () -> { });
        assertThat(slots.held()).containsExactlyInAnyOrderEntriesOf(Map.of("a.example", 3, "b.example", 1));
        slots.release("a.example");
        slots.release("b.example");
        assertThat(slots.held()).containsExactlyInAnyOrderEntriesOf(Map.of("a.example", 2));
    }

    @Test
    void aLimitBelowOneStillLetsOneAttemptRun() {
        assertThat(new DomainSlots(0).perDomain()).isEqualTo(1);
    }

    @Test
    void anAttemptThatEndsAtOnceHandsItsSlotOn() {
        DomainSlots slots = new DomainSlots(1);
        List<String> order = new ArrayList<>();
        slots.submit("a.example", () -> order.add("first"));
        // queued behind the first, and ending as soon as it starts (as a stopping worker's would)
        slots.submit("a.example", () -> {
            order.add("second");
            slots.release("a.example");
        });
        slots.submit("a.example", () -> order.add("third"));
        slots.release("a.example");
        assertThat(order).containsExactly("first", "second", "third");
        assertThat(slots.running("a.example")).isEqualTo(1);
    }
}
