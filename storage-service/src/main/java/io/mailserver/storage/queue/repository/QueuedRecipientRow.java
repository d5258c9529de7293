package io.mailserver.storage.queue.repository;

/**
 * One recipient of a queued entry.
 *
 * @param notifications DSN NOTIFY keywords, comma-separated ({@code NEVER} or some of {@code SUCCESS,FAILURE,DELAY}); empty for the default
 */
public record QueuedRecipientRow(int index, String address, String originalRecipient, String notifications) {
}
