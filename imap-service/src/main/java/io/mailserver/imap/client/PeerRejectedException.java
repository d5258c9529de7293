package io.mailserver.imap.client;

import io.grpc.Status;

/** A peer answered with an error status other than unavailability (NOT_FOUND, INVALID_ARGUMENT, ...). */
public final class PeerRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Status.Code code;

    public PeerRejectedException(String peer, Status status, Throwable cause) {
        super(peer + " answered " + status.getCode() + ": " + status.getDescription(), cause);
        this.code = status.getCode();
    }

    public Status.Code code() {
        return code;
    }
}
