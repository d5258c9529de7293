/**
 * SQL on {@code storage.messages} and {@code storage.expunged}: one mailbox of one account per
 * statement, whole UID sets per statement. The search text of a message's content lives once per blob
 * in {@code storage.blob_search}: written with the first copy that references the blob, deleted with
 * the blob, read by SEARCH through {@code blob_sha256} (ADR 11).
 */
package io.mailserver.storage.message.repository;
