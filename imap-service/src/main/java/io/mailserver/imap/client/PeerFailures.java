package io.mailserver.imap.client;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;

/** Translates gRPC failures into the two kinds handlers care about. */
final class PeerFailures {

    private PeerFailures() {
    }

    static Throwable translate(String peer, Throwable failure) {
        Status status = null;
        if (failure instanceof StatusRuntimeException e) {
            status = e.getStatus();
        } else if (failure instanceof StatusException e) {
            status = e.getStatus();
        } else if (failure instanceof io.smallrye.mutiny.TimeoutException) {
            return new PeerUnavailableException(peer, failure);
        }
        if (status == null) {
            return failure;
        }
        return switch (status.getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, RESOURCE_EXHAUSTED, ABORTED ->
                    new PeerUnavailableException(peer, failure);
            default -> new PeerRejectedException(peer, status, failure);
        };
    }
}
