/**
 * From a client stream of message bytes to a storable message: bounded collection, SHA-256, zstd,
 * and the one MIME parse, off the event loop. Nothing here writes; the callers' transactions do.
 */
package io.mailserver.storage.ingest;
