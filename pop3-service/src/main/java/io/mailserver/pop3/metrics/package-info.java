/**
 * Micrometer meters of the POP3 server: connections (opened, open now, refused), commands by verb,
 * logins by result, messages retrieved and deleted. Exposed by Quarkus at {@code /q/metrics}.
 */
package io.mailserver.pop3.metrics;
