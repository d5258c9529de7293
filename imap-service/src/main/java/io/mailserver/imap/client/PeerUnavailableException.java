package io.mailserver.imap.client;

/** A peer service could not be reached or did not answer in time; the client should retry later. */
public final class PeerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String peer;

    public PeerUnavailableException(String peer, Throwable cause) {
        super(peer + " unavailable: " + cause.getMessage(), cause);
        this.peer = peer;
    }

    public String peer() {
        return peer;
    }
}
