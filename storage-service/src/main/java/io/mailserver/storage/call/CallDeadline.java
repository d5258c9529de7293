package io.mailserver.storage.call;

import io.grpc.Context;
import io.grpc.Deadline;
import io.mailserver.storage.failure.StorageException;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Whether the caller of a write still waits for its answer. Captured when the call starts (gRPC keeps
 * the caller's deadline and cancellation in the call's {@link Context}), and asked right before the
 * commit: a write whose caller has given up is rolled back instead of committed, because the caller
 * treats the message as not stored and its retry (an SMTP client's next attempt) would store it a
 * second time.
 *
 * <p>The margin covers the commit and the way back: a write is refused when less than the margin
 * remains of the caller's deadline, so a commit that does go through is answered in time.
 */
public final class CallDeadline {

    private static final CallDeadline NONE = new CallDeadline(null, 0);

    private final Context context;
    private final long marginMillis;

    private CallDeadline(Context context, long marginMillis) {
        this.context = context;
        this.marginMillis = marginMillis;
    }

    /** The deadline of the gRPC call running on this thread; call it where the call enters the service. */
    public static CallDeadline ofCurrentCall(Duration commitMargin) {
        return new CallDeadline(Context.current(), commitMargin.toMillis());
    }

    /** For writes nobody waits on with a deadline (tests, internal jobs). */
    public static CallDeadline none() {
        return NONE;
    }

    /** Fails, so the surrounding transaction rolls back, when the caller is gone or about to be. */
    public Uni<Void> ensureStillWanted() {
        if (context == null) {
            return Uni.createFrom().voidItem();
        }
        Deadline deadline = context.getDeadline();
        if (deadline != null && deadline.timeRemaining(TimeUnit.MILLISECONDS) < marginMillis) {
            return Uni.createFrom().failure(StorageException.deadlineExceeded(
                    "the caller's deadline passes before a commit could be answered; nothing stored"));
        }
        if (context.isCancelled()) {
            return Uni.createFrom().failure(StorageException.cancelled("the caller cancelled the call; nothing stored"));
        }
        return Uni.createFrom().voidItem();
    }
}
