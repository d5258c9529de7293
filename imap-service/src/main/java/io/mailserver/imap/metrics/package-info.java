/** Micrometer meters of imap-service (exported through Quarkus' Prometheus endpoint). */
package io.mailserver.imap.metrics;
