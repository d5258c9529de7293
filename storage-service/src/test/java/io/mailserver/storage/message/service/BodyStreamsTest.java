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
    void oneAccountCannotTakeEveryStream() {
        BodyStreams streams = new BodyStreams(10, 10, 2, new SimpleMeterRegistry());
        List<Runnable> granted = new ArrayList<>();
        AtomicReference<Throwable> refused = new AtomicReference<>();

        streams.acquire(1).subscribe().with(granted::add);
        streams.acquire(1).subscribe().with(granted::add);
        streams.acquire(1).subscribe().with(granted::add, refused::set);
        streams.acquire(2).subscribe().with(granted::add);

        assertThat(granted).hasSize(3);
        assertThat(refused.get()).isInstanceOf(StorageException.class);
        granted.get(0).run();
        streams.acquire(1).subscribe().with(granted::add);
        assertThat(granted).hasSize(4);
    }
}
