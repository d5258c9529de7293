package io.mailserver.smtp.session;

/**
 * Who a submission session authenticated as (RFC 4954). It outlives EHLO and RSET and ends with the
 * connection (or STARTTLS, which starts the session over).
 *
 * @param accountId the account auth-service accepted the credentials for
 * @param address   the account's primary address
 */
public record Login(long accountId, String address) {
}
