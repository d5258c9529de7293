/**
 * Launchers for the real parts of a running system: PostgreSQL, Kafka, the packaged services and a
 * TLS key pair. Used by the Quarkus test resources and by {@code mailctl up}, so tests start the
 * system the way an operator does.
 *
 * <p>Every launcher binds 127.0.0.1 only, writes its logs to files under its working directory and
 * stops what it started; none needs a Docker engine or root.
 */
package io.mailserver.testkit.infra;
