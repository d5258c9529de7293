/**
 * SQL on the outbound queue ({@code storage.outbound_messages}, {@code outbound_entries},
 * {@code outbound_recipients}).
 */
package io.mailserver.storage.queue.repository;
