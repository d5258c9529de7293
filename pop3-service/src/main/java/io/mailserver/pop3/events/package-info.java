/** Kafka events pop3-service acts on: account events end the sessions of accounts that may no longer log in. */
package io.mailserver.pop3.events;
