/**
 * SMTP framing and tokens, without business logic and without I/O: the connection's input decoder
 * (command lines vs. dot-stuffed DATA, RFC 5321 §4.5.2) and the command-line parser
 * (RFC 5321 §4.1, RFC 1870 SIZE, RFC 6152 BODY).
 *
 * <p>Invariants: buffered input is bounded by the line limit plus one network chunk; only CRLF ends a
 * command line and only CRLF "." CRLF ends DATA; a parser result never depends on session state.
 */
package io.mailserver.smtp.codec;
