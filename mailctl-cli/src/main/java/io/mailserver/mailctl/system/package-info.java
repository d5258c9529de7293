/**
 * The local system's lifecycle: {@code up} supervises PostgreSQL, Kafka and the six services from
 * one foreground process, {@code down} asks that process to stop, {@code status} reads health.
 *
 * <p>State on disk, all under the data directory: {@code mailctl.pid} (the supervisor),
 * {@code admin-token} (created once, owner-readable only), {@code run/*.pid} (children, so a
 * {@code down} after a crashed supervisor can still clean up) and each part's data and logs.
 */
package io.mailserver.mailctl.system;
