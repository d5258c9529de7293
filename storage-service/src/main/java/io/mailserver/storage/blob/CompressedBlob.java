package io.mailserver.storage.blob;

/** A message body ready to store: its id, its zstd-compressed bytes and its raw size. */
public record CompressedBlob(BlobId id, byte[] compressed, long rawSize) {
}
