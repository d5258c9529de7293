/**
 * SASL mechanisms' message formats (RFC 4422), shared by the AUTH of SMTP and POP3 and IMAP's
 * AUTHENTICATE: decoding only, no I/O and no credential checks. Decoded secrets live only in the
 * returned values, whose {@code toString()} hides them.
 */
package io.mailserver.protocol.sasl;
