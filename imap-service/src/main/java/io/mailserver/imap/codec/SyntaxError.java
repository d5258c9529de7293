package io.mailserver.imap.codec;

/**
 * A complete command that does not match the grammar. Raised inside {@link CommandParser} only,
 * after framing is done, and turned into a BAD answer there; it carries no stack trace because it
 * describes the client's input, not a fault of the server.
 */
public final class SyntaxError extends Exception {

    private static final long serialVersionUID = 1L;

    public SyntaxError(String message) {
        super(message, null, false, false);
    }
}
