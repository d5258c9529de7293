package io.mailserver.storage.message.repository;

import io.mailserver.storage.blob.BlobId;
import io.mailserver.storage.message.model.Flags;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * A message as a query returned it. Columns a query did not select are null ({@code envelope},
 * {@code bodyStructure}, {@code header}, {@code internalDate}).
 */
public record MessageRow(
        long uid,
        BlobId blob,
        long size,
        long modseq,
        Flags flags,
        OffsetDateTime internalDate,
        int internalDateOffsetMinutes,
        byte[] envelope,
        byte[] bodyStructure,
        byte[] header,
        String preview) {

    static MessageRow from(Row row) {
        return new MessageRow(
                row.getLong("uid"),
                BlobId.of(row.getBuffer("blob_sha256").getBytes()),
                row.getLong("size"),
                row.getLong("modseq"),
                Flags.of(row.getShort("system_flags"), row.getArrayOfStrings("keywords")),
                has(row, "internal_date") ? row.getOffsetDateTime("internal_date") : null,
                has(row, "internal_date_offset_minutes") ? row.getShort("internal_date_offset_minutes") : 0,
                bytes(row, "envelope"),
                bytes(row, "body_structure"),
                bytes(row, "header"),
                has(row, "preview") ? row.getString("preview") : null);
    }

    private static boolean has(Row row, String column) {
        return row.getColumnIndex(column) >= 0;
    }

    private static byte[] bytes(Row row, String column) {
        if (!has(row, column)) {
            return null;
        }
        Buffer buffer = row.getBuffer(column);
        return buffer == null ? null : buffer.getBytes();
    }
}
