/**
 * Delivery status notifications (RFC 3461, RFC 3464): the DSN parameters a client sets on MAIL and
 * RCPT, their xtext encoding, and the multipart/report messages that tell a sender what became of
 * its mail (failed, delayed, delivered, relayed).
 */
package io.mailserver.smtp.dsn;
