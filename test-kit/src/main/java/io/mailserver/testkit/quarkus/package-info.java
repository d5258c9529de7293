/**
 * Quarkus test resources that hand an application under test the addresses of real dependencies.
 *
 * <p>All of them share one {@link io.mailserver.testkit.quarkus.SharedSystem} per test JVM: it starts
 * lazily, on free ports, in a temporary directory, and stops when the JVM exits. Quarkus restarting
 * the application between test classes therefore costs no new PostgreSQL or Kafka.
 */
package io.mailserver.testkit.quarkus;
