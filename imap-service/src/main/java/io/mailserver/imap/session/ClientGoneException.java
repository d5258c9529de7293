package io.mailserver.imap.session;

/**
 * The client closed the connection while a command was still answering: nothing is wrong with
 * the server, nobody reads the answer, and it is no more than a debug line in the log.
 */
public final class ClientGoneException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClientGoneException(String message) {
        super(message, null, false, false);
    }
}
