package io.mailserver.smtp.client;

/** Storage refused a message as larger than it takes: no retry can cure that. */
public final class MessageTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MessageTooLargeException(Throwable cause) {
        super("storage refused the message as too large", cause);
    }
}
