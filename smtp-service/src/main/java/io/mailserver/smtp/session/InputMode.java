package io.mailserver.smtp.session;

/** How the connection reads the client's bytes in a state (RFC 5321 §4.5.2, §2.3.8). */
public enum InputMode {
    /** CRLF-terminated command lines. */
    COMMAND,
    /**
     * One CRLF-terminated response of an AUTH exchange (RFC 4954 §4): base64 or {@code *}, never a
     * command, and longer than a command line may be (RFC 4954 §4 asks for 12288 octets).
     */
    AUTH_RESPONSE,
    /** Dot-stuffed message content up to CRLF "." CRLF. */
    DATA,
    /** A counted BDAT chunk (RFC 3030): octets as they are, no stuffing, no terminator. */
    CHUNK
}
