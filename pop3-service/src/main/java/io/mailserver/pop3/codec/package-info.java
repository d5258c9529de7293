/**
 * POP3 framing and tokens: turns the bytes a client sends into CRLF lines (bounded by
 * {@link io.mailserver.protocol.io.InputBuffer}) and lines into {@link io.mailserver.pop3.command.Pop3Command}
 * records, or into the raw line of a SASL exchange (RFC 5034 §4).
 *
 * <p>Invariants: no I/O, no business logic, no knowledge of the session state; the decoder resumes
 * across partial input, so the same bytes split anywhere decode to the same results; an over-long
 * line is dropped as it arrives and reported once its CRLF is seen.
 */
package io.mailserver.pop3.codec;
