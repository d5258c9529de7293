/**
 * Message bodies as content-addressed, zstd-compressed blobs ({@link io.mailserver.storage.blob.BlobStore}):
 * stored once however many message rows reference them, reference-counted in the same transaction as
 * those rows, and deleted by a collector after a grace period once nothing references them.
 */
package io.mailserver.storage.blob;
