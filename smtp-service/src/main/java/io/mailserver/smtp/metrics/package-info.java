/** Micrometer meters of the SMTP listeners: connections, commands by verb and reply class, deliveries, bytes. */
package io.mailserver.smtp.metrics;
