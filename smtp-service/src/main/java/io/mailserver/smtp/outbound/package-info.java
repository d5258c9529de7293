/**
 * Outbound delivery: this server as an SMTP client to other servers (RFC 5321 as sender). The
 * remote server is not trusted: its replies are read with bounded lines and counts, and whatever it
 * says ends up, sanitized, only in diagnostics.
 */
package io.mailserver.smtp.outbound;
