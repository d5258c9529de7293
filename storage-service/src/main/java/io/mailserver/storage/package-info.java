/**
 * storage-service: mailboxes and messages in PostgreSQL schema {@code storage}, message bodies as
 * content-addressed zstd blobs, everything FETCH and SEARCH need parsed once at delivery, and the
 * IMAP change model (UIDVALIDITY, UIDs that never repeat, a MODSEQ on every change, expunge
 * tombstones). Packages by domain, then layer.
 */
package io.mailserver.storage;
