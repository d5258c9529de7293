package io.mailserver.smtp.session;

/** How the connection reads the client's bytes in a state (RFC 5321 §4.5.2, §2.3.8). */
public enum InputMode {
    /** CRLF-terminated command lines. */
    COMMAND,
    /** Dot-stuffed message content up to CRLF "." CRLF. */
    DATA
}
