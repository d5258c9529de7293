/**
 * The service's one typed configuration, {@link io.mailserver.pop3.config.MailConfig} under the
 * prefix {@code mail}: listeners, timeouts and limits of the POP3 server, the TLS key material
 * shared with the other protocol services, and the host name used in greetings.
 */
package io.mailserver.pop3.config;
