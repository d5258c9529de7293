package io.mailserver.storage.failure;

import io.grpc.Status;

/**
 * A refusal the caller can act on, carrying the gRPC status code it becomes. Its message is shown to
 * the caller, so it names the problem and never carries message content or internals.
 */
public final class StorageException extends RuntimeException {

    private final Status.Code code;

    /** How an over-quota failure's description starts (see {@link #overQuota}). */
    public static final String OVER_QUOTA = "over quota: ";

    private StorageException(Status.Code code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public Status.Code code() {
        return code;
    }

    /**
     * RFC 9208: the write would take the account past its quota. FAILED_PRECONDITION with a
     * description starting {@value #OVER_QUOTA}, which the protocol services turn into
     * {@code [OVERQUOTA]} or {@code 552 5.2.2}.
     */
    public static StorageException overQuota(String message) {
        return new StorageException(Status.Code.FAILED_PRECONDITION, OVER_QUOTA + message);
    }

    public static StorageException notFound(String message) {
        return new StorageException(Status.Code.NOT_FOUND, message);
    }

    public static StorageException alreadyExists(String message) {
        return new StorageException(Status.Code.ALREADY_EXISTS, message);
    }

    public static StorageException invalidArgument(String message) {
        return new StorageException(Status.Code.INVALID_ARGUMENT, message);
    }

    public static StorageException failedPrecondition(String message) {
        return new StorageException(Status.Code.FAILED_PRECONDITION, message);
    }

    public static StorageException resourceExhausted(String message) {
        return new StorageException(Status.Code.RESOURCE_EXHAUSTED, message);
    }

    /** A race lost to a concurrent change; the caller may simply try again. */
    public static StorageException aborted(String message) {
        return new StorageException(Status.Code.ABORTED, message);
    }

    /** The caller cancelled the call; nothing was committed. */
    public static StorageException cancelled(String message) {
        return new StorageException(Status.Code.CANCELLED, message);
    }

    /** The caller's deadline passed, or would pass before a commit could answer; nothing was committed. */
    public static StorageException deadlineExceeded(String message) {
        return new StorageException(Status.Code.DEADLINE_EXCEEDED, message);
    }
}
