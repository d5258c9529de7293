package io.mailserver.pop3.client;

/** A peer service could not do what was asked: unreachable, timed out, or failing. */
public final class PeerUnavailableException extends RuntimeException {

    public PeerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
