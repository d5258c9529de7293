package io.mailserver.storage.ingest;

import io.mailserver.storage.blob.CompressedBlob;
import io.mailserver.storage.mime.ParsedMessage;

/** A message received in full, hashed, compressed and parsed: everything a message row needs. */
public record IngestedMessage(long size, CompressedBlob blob, ParsedMessage parsed, byte[] header) {
}
