/** Kafka events about accounts that storage-service acts on ({@code mail.account.v1}). */
package io.mailserver.storage.account.events;
