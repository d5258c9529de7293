package io.mailserver.storage.failure;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailserver.storage.sql.RetriedTransaction;
import io.vertx.pgclient.PgException;
import org.jboss.logging.Logger;

/**
 * Turns any failure into the gRPC status the caller sees: {@link StorageException}s keep their code
 * and message; everything else is logged here and becomes a bare INTERNAL or UNAVAILABLE, so no stack
 * trace or SQL ever reaches a status description.
 */
public final class GrpcFailures {

    private static final Logger LOG = Logger.getLogger(GrpcFailures.class);

    private GrpcFailures() {
    }

    public static StatusRuntimeException toStatus(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof StatusRuntimeException status) {
            return status;
        }
        if (cause instanceof StorageException refusal) {
            return Status.fromCode(refusal.code()).withDescription(refusal.getMessage()).asRuntimeException();
        }
        if (cause instanceof PgException pg && "23505".equals(pg.getSqlState())) {
            // a unique key won by a concurrent request (same mailbox name, same delivery id)
            return Status.ABORTED.withDescription("concurrent change, try again").asRuntimeException();
        }
        if (RetriedTransaction.lostToConcurrency(cause)) {
            return Status.ABORTED.withDescription("concurrent change, try again").asRuntimeException();
        }
        if (cause instanceof io.vertx.core.impl.NoStackTraceThrowable
                || cause instanceof java.net.ConnectException
                || cause instanceof io.vertx.core.VertxException) {
            LOG.warnf("storage unavailable: %s", cause.toString());
            return Status.UNAVAILABLE.withDescription("storage temporarily unavailable").asRuntimeException();
        }
        LOG.error("request failed", cause);
        return Status.INTERNAL.withDescription("internal error").asRuntimeException();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof java.util.concurrent.CompletionException
                || current instanceof io.smallrye.mutiny.CompositeException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
