/**
 * Kafka events storage-service publishes: {@code MailboxChanged} hints after each commit. The event
 * is never the truth; consumers ask ChangesSince for the facts.
 */
package io.mailserver.storage.events;
