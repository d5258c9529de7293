/**
 * Bounded input framing for line-based protocols.
 *
 * <p>Invariants: nothing here performs I/O or blocks; an {@link io.mailserver.protocol.io.InputBuffer}
 * never holds more than one line limit plus one network chunk of client data, whatever the client
 * sends; lines end only at CRLF (a bare LF or bare CR is ordinary data, RFC 5321 §2.3.8,
 * RFC 9051 §2.2).
 */
package io.mailserver.protocol.io;
