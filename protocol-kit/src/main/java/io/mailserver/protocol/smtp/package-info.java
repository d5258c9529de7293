/**
 * The dot-stuffed data framing shared by SMTP DATA (RFC 5321 §4.5.2) and POP3 multi-line responses
 * (RFC 1939 §3): the decoder for what a client sends, the encoder for what a server sends.
 *
 * <p>Invariant: only CRLF "." CRLF ends the data. A bare LF or bare CR is content and never starts a
 * line, so "\n.\r\n", "\r.\r\n" and "\n.\n" can neither end a message early nor smuggle a second
 * one behind it.
 */
package io.mailserver.protocol.smtp;
