package io.mailserver.imap.client;

import io.grpc.Status;

/** A peer answered with an error status other than unavailability (NOT_FOUND, INVALID_ARGUMENT, ...). */
public final class PeerRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** How storage starts the description of a write refused by the account's quota (RFC 9208). */
    private static final String OVER_QUOTA = "over quota: ";
    /** How storage starts the description of a BINARY fetch of a part it cannot decode (RFC 3516). */
    private static final String UNKNOWN_CTE = "unknown content-transfer-encoding: ";

    private final Status.Code code;
    private final String description;

    public PeerRejectedException(String peer, Status status, Throwable cause) {
        super(peer + " answered " + status.getCode() + ": " + status.getDescription(), cause);
        this.code = status.getCode();
        this.description = status.getDescription() == null ? "" : status.getDescription();
    }

    /** What kind of refusal it was, in imap-service's terms. */
    public Kind kind() {
        return switch (code) {
            case NOT_FOUND -> Kind.NOT_FOUND;
            case ALREADY_EXISTS -> Kind.ALREADY_EXISTS;
            case RESOURCE_EXHAUSTED -> Kind.LIMIT;
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> Kind.REFUSED;
            default -> Kind.OTHER;
        };
    }

    public enum Kind {
        /** No such mailbox or message. */
        NOT_FOUND,
        ALREADY_EXISTS,
        /** Over a size or count limit. */
        LIMIT,
        /** The request was understood and refused (a bad name, a rule of the mailbox model). */
        REFUSED,
        OTHER
    }

    /** Whether the write was refused because it would take the account past its quota. */
    public boolean overQuota() {
        return code == Status.Code.FAILED_PRECONDITION && description.startsWith(OVER_QUOTA);
    }

    /** Whether a BINARY fetch named a part whose transfer encoding storage cannot remove. */
    public boolean unknownTransferEncoding() {
        return code == Status.Code.FAILED_PRECONDITION && description.startsWith(UNKNOWN_CTE);
    }
}
