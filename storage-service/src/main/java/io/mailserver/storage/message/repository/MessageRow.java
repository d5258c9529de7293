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

    /**
     * Where a result's columns are, looked up once per result: a lookup by name is a linear search
     * of the column names, and was the largest single cost of streaming FETCH FLAGS over a mailbox.
     * -1 for a column the query did not select.
     */
    record Columns(int uid, int blob, int size, int modseq, int systemFlags, int keywords, int internalDate,
            int internalDateOffset, int envelope, int bodyStructure, int header, int preview) {

        static Columns of(Row row) {
            return new Columns(row.getColumnIndex("uid"), row.getColumnIndex("blob_sha256"),
                    row.getColumnIndex("size"), row.getColumnIndex("modseq"), row.getColumnIndex("system_flags"),
                    row.getColumnIndex("keywords"), row.getColumnIndex("internal_date"),
                    row.getColumnIndex("internal_date_offset_minutes"), row.getColumnIndex("envelope"),
                    row.getColumnIndex("body_structure"), row.getColumnIndex("header"), row.getColumnIndex("preview"));
        }
    }

    static MessageRow from(Row row, Columns at) {
        return new MessageRow(
                row.getLong(at.uid()),
                BlobId.of(row.getBuffer(at.blob()).getBytes()),
                row.getLong(at.size()),
                row.getLong(at.modseq()),
                Flags.of(row.getShort(at.systemFlags()), row.getArrayOfStrings(at.keywords())),
                at.internalDate() >= 0 ? row.getOffsetDateTime(at.internalDate()) : null,
                at.internalDateOffset() >= 0 ? row.getShort(at.internalDateOffset()) : 0,
                bytes(row, at.envelope()),
                bytes(row, at.bodyStructure()),
                bytes(row, at.header()),
                at.preview() >= 0 ? row.getString(at.preview()) : null);
    }

    private static byte[] bytes(Row row, int column) {
        if (column < 0) {
            return null;
        }
        Buffer buffer = row.getBuffer(column);
        return buffer == null ? null : buffer.getBytes();
    }
}
