/** The embedded blob store: message bodies as bytea rows of {@code storage.blobs}; the only code touching that table. */
package io.mailserver.storage.blob.postgres;
