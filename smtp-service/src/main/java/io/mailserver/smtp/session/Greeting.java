package io.mailserver.smtp.session;

/**
 * What the client said in EHLO or HELO.
 *
 * @param clientName the domain or address literal the client named itself with
 * @param extended   true for EHLO (ESMTP), false for HELO
 */
public record Greeting(String clientName, boolean extended) {
}
