/**
 * SMTP replies as values and their wire encoding (RFC 5321 §4.2, RFC 2034 enhanced status codes).
 *
 * <p>Invariant: a reply never contains CR, LF or other control characters, whatever client input it
 * echoes, so one reply is always exactly its lines on the wire.
 */
package io.mailserver.smtp.reply;
