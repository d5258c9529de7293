package io.mailserver.protocol.smtp;

/**
 * What SMTP DATA does with a bare LF or a bare CR in message content (RFC 5321 §2.3.8 forbids them;
 * senders still send them, and the differences between servers in reading them are what SMTP
 * smuggling exploits). Either way only CRLF "." CRLF ends the data.
 */
public enum BareLineEndings {
    /** Each bare LF and bare CR is stored as CRLF; the message is accepted. */
    NORMALIZE,
    /** The message is read to its end and refused with 550 5.5.2; nothing is stored. */
    REJECT
}
