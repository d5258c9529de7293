/**
 * Kafka events auth-service publishes after committed changes ({@code mail.account.v1}, protobuf
 * {@code AccountEvent} keyed by account id). Events are hints for other services, never the truth.
 */
package io.mailserver.auth.events;
