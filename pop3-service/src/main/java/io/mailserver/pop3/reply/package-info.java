/**
 * POP3 responses and their encoding: status lines ({@code +OK}/{@code -ERR} with RFC 2449 §8
 * response codes), multi-line responses terminated by a lone "." (RFC 1939 §3), the SASL
 * continuation "+ " (RFC 5034 §4), and the shaping of message content for RETR and TOP.
 *
 * <p>Invariants: every line of a multi-line response passes through protocol-kit's
 * {@link io.mailserver.protocol.lines.DotStuffingEncoder}, so no content can end a response early;
 * status texts never carry CR or LF; nothing here decides what to answer.
 */
package io.mailserver.pop3.reply;
