/**
 * DANE for SMTP (RFC 7672, RFC 7671): TLSA records of MX hosts whose names DNSSEC proved, and the
 * check of the certificate chain a server presents against them.
 */
package io.mailserver.smtp.outbound.dane;
