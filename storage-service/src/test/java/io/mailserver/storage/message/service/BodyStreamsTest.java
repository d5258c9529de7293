package io.mailserver.storage.message.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.mailserver.storage.failure.StorageException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.subscription.Cancellable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BodyStreamsTest {

    @Test
    void beyondTheCapFetchesWaitThenAreRefusedAndAPermitIsNeverLost() {
        BodyStreams streams = new BodyStreams(1, 1, 8, new SimpleMeterRegistry());
        List<Runnable> granted = new ArrayList<>();
        AtomicReference<Throwable> refused = new AtomicReference<>();

        streams.acquire(7).subscribe().with(granted::add);
        Cancellable waiting = streams.acquire(7).subscribe().with(granted::add);
        streams.acquire(7).subscribe().with(granted::add, refused::set);

        assertThat(granted).hasSize(1);
        assertThat(streams.active()).isEqualTo(1);
        assertThat(streams.waiting()).isEqualTo(1);
        assertThat(refused.get()).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));

        // The waiting fetch goes away; the running one ends: nothing holds a permit any more.
        waiting.cancel();
        assertThat(streams.waiting()).isZero();
        granted.get(0).run();
        granted.get(0).run();
        assertThat(streams.active()).isZero();

        // A permit handed on to the next in line is the same permit: active stays at the cap.
        streams.acquire(7).subscribe().with(granted::add);
        streams.acquire(7).subscribe().with(granted::add);
        assertThat(streams.active()).isEqualTo(1);
        granted.get(1).run();
        assertThat(granted).hasSize(3);
        assertThat(streams.active()).isEqualTo(1);
        granted.get(2).run();
        assertThat(streams.active()).isZero();
    }

    @Test
    void oneAccountRunsItsShareAndWaitsForMoreInsteadOfTakingEveryStream() {
        BodyStreams streams = new BodyStreams(10, 8, 2, new SimpleMeterRegistry());
        List<Runnable> granted = new ArrayList<>();
        AtomicReference<Throwable> refused = new AtomicReference<>();

        streams.acquire(1).subscribe().with(granted::add);
        streams.acquire(1).subscribe().with(granted::add);
        streams.acquire(1).subscribe().with(granted::add);
        streams.acquire(2).subscribe().with(granted::add);

        // account 1 runs its two, its third waits; account 2 runs at once past it
        assertThat(granted).hasSize(3);
        assertThat(streams.active()).isEqualTo(3);
        assertThat(streams.waiting()).isEqualTo(1);

        // account 2's stream ending frees nothing account 1 may take; account 1's own does
        granted.get(2).run();
        assertThat(granted).hasSize(3);
        granted.get(0).run();
        assertThat(granted).hasSize(4);
        assertThat(streams.active()).isEqualTo(2);
        assertThat(streams.waiting()).isZero();

        // an account's waiters are a quarter of the line at most (8 / 4 = 2); beyond, it is refused
        streams.acquire(1).subscribe().with(granted::add);
        streams.acquire(1).subscribe().with(granted::add);
        streams.acquire(1).subscribe().with(granted::add, refused::set);
        assertThat(streams.waiting()).isEqualTo(2);
        assertThat(refused.get()).isInstanceOf(StorageException.class);
        granted.get(1).run();
        granted.get(3).run();
        assertThat(granted).hasSize(6);
        granted.get(4).run();
        granted.get(5).run();
        assertThat(streams.active()).isZero();
        assertThat(streams.waiting()).isZero();
    }
}
