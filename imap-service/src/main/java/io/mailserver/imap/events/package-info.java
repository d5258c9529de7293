/**
 * Kafka events imap-service acts on: account events end the sessions of accounts that may no longer
 * log in (later: mailbox changes wake IDLE sessions).
 */
package io.mailserver.imap.events;
