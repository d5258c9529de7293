package io.mailserver.mailctl.cli;

/** The command line asks for something mailctl does not understand; the message says what. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
