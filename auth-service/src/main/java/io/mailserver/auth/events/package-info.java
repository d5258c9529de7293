/**
 * Account events leave auth-service through a transactional outbox ({@code auth.outbox}): the event
 * row commits with the change, and a relay publishes it to {@code mail.account.v1} (protobuf
 * {@code AccountEvent} keyed by account id) at least once, in commit order per account. The database
 * stays the truth; consumers are idempotent and storage-service reconciles against it.
 */
package io.mailserver.auth.events;
