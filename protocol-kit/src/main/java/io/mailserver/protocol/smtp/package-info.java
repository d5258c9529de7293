/**
 * SMTP DATA as a server reads it (RFC 5321 §4.5.2): the dot-stuffed data decoder and the policy for
 * bare line endings in it. The encoder for what a server sends lives in
 * {@link io.mailserver.protocol.lines}.
 *
 * <p>Invariant: only CRLF "." CRLF ends the data. A bare LF or bare CR is never a line start, so
 * "\n.\r\n", "\r.\r\n" and "\n.\n" can neither end a message early nor smuggle a second one
 * behind it; what is stored for them is {@link io.mailserver.protocol.smtp.BareLineEndings}' choice.
 */
package io.mailserver.protocol.smtp;
