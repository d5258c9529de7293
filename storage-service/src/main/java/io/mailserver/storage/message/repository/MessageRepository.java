package io.mailserver.storage.message.repository;

import io.mailserver.storage.blob.BlobId;
import io.mailserver.storage.ingest.IngestedMessage;
import io.mailserver.storage.message.model.UidRanges;
import io.mailserver.storage.mime.MessageIdTokens;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * SQL on {@code storage.messages} and {@code storage.expunged}. Every statement is scoped to one
 * mailbox of one account and works on a whole UID set at once (the ranges are joined with
 * {@code unnest}), never one statement per message; and the content's search row in
 * {@code storage.blob_search}.
 */
@ApplicationScoped
public class MessageRepository {

    /**
     * The messages of a UID set ($3 lows, $4 highs) in mailbox $2 of account $1, read range by range
     * through the primary key; {@code extra} is a further condition on {@code i}, {@code limit} what
     * each range may give at most. As a plain join, PostgreSQL's generic plan for the prepared
     * statement (chosen after five runs) read every row of the mailbox and filtered by the ranges:
     * 22 ms for any FETCH or STORE on a 10,000-message mailbox, under the mailbox's lock for STORE.
     * The LATERAL subquery with its LIMIT or OFFSET cannot be flattened into such a join.
     */
    private static String inRanges(String extra, String limit) {
        return "FROM unnest($3::bigint[], $4::bigint[]) AS r(lo, hi) CROSS JOIN LATERAL (SELECT i.* FROM storage.messages i "
                + "WHERE i.account_id = $1 AND i.mailbox_id = $2 AND i.uid BETWEEN r.lo AND r.hi" + extra
                + " ORDER BY i.uid " + limit + ") m ";
    }

    /**
     * Writes the content's search row unless it has one. The search text belongs to the content, so
     * it is written once per blob (ADR 11): a deduplicated delivery costs one index probe, and ON
     * CONFLICT lets one of two deliveries of new content racing each other write it. A row from
     * before 010 (no body text, words only) is completed by the next delivery. Its own statement, so
     * that a writer can run it before it locks a mailbox: the trigram indexes make it the costliest
     * part of a delivery, and under the lock every delivery to that mailbox would wait for it.
     */
    public Uni<Void> insertSearch(SqlClient sql, IngestedMessage message) {
        String headers = message.parsed().searchHeaders();
        return sql.preparedQuery("INSERT INTO storage.blob_search (sha256, search_headers, search_body, message_ids) "
                        + "SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM storage.blob_search s "
                        + "WHERE s.sha256 = $1 AND s.search_body IS NOT NULL) "
                        + "ON CONFLICT (sha256) DO UPDATE SET search_headers = EXCLUDED.search_headers, "
                        + "search_body = EXCLUDED.search_body, search_text = NULL, message_ids = EXCLUDED.message_ids "
                        + "WHERE storage.blob_search.search_body IS NULL")
                .execute(Tuple.of(Buffer.buffer(message.blob().id().bytes()), headers,
                        // never NULL for a new row: NULL marks content stored before 010 (matched by words)
                        Objects.requireNonNullElse(message.parsed().searchBody(), ""),
                        MessageIdTokens.of(headers).toArray(String[]::new)))
                .replaceWithVoid();
    }

    /**
     * Inserts the copies of one ingested message (one per recipient); the message was parsed once for
     * all. Its search row is {@link #insertSearch}'s.
     */
    public Uni<Void> insert(SqlClient sql, IngestedMessage message, OffsetDateTime internalDate, int offsetMinutes,
            List<NewMessage> copies) {
        int n = copies.size();
        Long[] accounts = new Long[n];
        Long[] mailboxes = new Long[n];
        Long[] uids = new Long[n];
        Long[] modseqs = new Long[n];
        Short[] flags = new Short[n];
        String[] keywords = new String[n];
        for (int i = 0; i < n; i++) {
            NewMessage c = copies.get(i);
            accounts[i] = c.accountId();
            mailboxes[i] = c.mailboxId();
            uids[i] = c.uid();
            modseqs[i] = c.modseq();
            flags[i] = (short) c.flags().system();
            keywords[i] = c.flags().joinedKeywords();
        }
        LocalDate sentDate = message.parsed().sentDate() != null ? message.parsed().sentDate()
                : internalDate.withOffsetSameInstant(ZoneOffset.ofTotalSeconds(offsetMinutes * 60)).toLocalDate();
        List<Object> values = new ArrayList<>(List.of(
                Buffer.buffer(message.blob().id().bytes()),
                message.size(),
                internalDate,
                (short) offsetMinutes,
                Buffer.buffer(message.parsed().envelope().toByteArray()),
                Buffer.buffer(message.parsed().bodyStructure().toByteArray()),
                Buffer.buffer(message.header()),
                sentDate,
                message.parsed().preview(),
                accounts, mailboxes, uids, modseqs, flags, keywords));
        return sql.preparedQuery("INSERT INTO storage.messages (account_id, mailbox_id, uid, modseq, system_flags, keywords, "
                        + "blob_sha256, size, internal_date, internal_date_offset_minutes, envelope, body_structure, header, "
                        + "sent_date, preview) "
                        + "SELECT c.account_id, c.mailbox_id, c.uid, c.modseq, c.flags, string_to_array(c.keywords, ' '), "
                        + "$1, $2, $3, $4, $5, $6, $7, $8, $9 "
                        + "FROM unnest($10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[], $14::smallint[], $15::text[]) "
                        + "AS c(account_id, mailbox_id, uid, modseq, flags, keywords)")
                .execute(Tuple.from(values))
                .replaceWithVoid();
    }

    /** Flags, MODSEQ, blob and size of the messages in the UID set, ascending. */
    public Uni<List<MessageRow>> flags(SqlClient sql, long accountId, long mailboxId, UidRanges uids) {
        return sql.preparedQuery("SELECT m.uid, m.blob_sha256, m.size, m.modseq, m.system_flags, m.keywords "
                        + inRanges("", "OFFSET 0") + "ORDER BY m.uid")
                .execute(Tuple.of(accountId, mailboxId, uids.low(), uids.high()))
                .map(MessageRepository::rows);
    }

    /** The items a fetch needs of up to {@code limit} messages after {@code afterUid}. */
    public Uni<List<MessageRow>> fetchBatch(SqlClient sql, long accountId, long mailboxId, UidRanges uids,
            long afterUid, long changedSince, int limit, boolean envelope, boolean bodyStructure, boolean header,
            boolean preview) {
        String columns = "m.uid, m.blob_sha256, m.size, m.modseq, m.system_flags, m.keywords, m.internal_date, "
                + "m.internal_date_offset_minutes, "
                + (envelope ? "m.envelope" : "NULL::bytea AS envelope") + ", "
                + (bodyStructure ? "m.body_structure" : "NULL::bytea AS body_structure") + ", "
                + (header ? "m.header" : "NULL::bytea AS header") + ", "
                + (preview ? "m.preview" : "NULL::text AS preview") + " ";
        return sql.preparedQuery("SELECT " + columns + inRanges(" AND i.uid > $5 AND i.modseq > $6", "LIMIT $7")
                        + "ORDER BY m.uid LIMIT $7")
                .execute(Tuple.from(List.of(accountId, mailboxId, uids.low(), uids.high(), afterUid, changedSince, limit)))
                .map(MessageRepository::rows);
    }

    /** Sets new flags and one MODSEQ on the given messages. */
    public Uni<Void> updateFlags(SqlClient sql, long accountId, long mailboxId, long modseq, List<Long> uids,
            List<Short> systemFlags, List<String> keywords) {
        return sql.preparedQuery("UPDATE storage.messages m SET system_flags = c.flags, "
                        + "keywords = string_to_array(c.keywords, ' '), modseq = $3 "
                        + "FROM unnest($4::bigint[], $5::smallint[], $6::text[]) AS c(uid, flags, keywords) "
                        + "WHERE m.account_id = $1 AND m.mailbox_id = $2 AND m.uid = c.uid")
                .execute(Tuple.from(List.of(accountId, mailboxId, modseq, uids.toArray(Long[]::new),
                        systemFlags.toArray(Short[]::new), keywords.toArray(String[]::new))))
                .replaceWithVoid();
    }

    /**
     * Adds \Seen with a new MODSEQ to the unseen messages of the set; returns the changed messages.
     * The caller holds the mailbox's lock, so no flag changes between choosing the rows (inside, where
     * the unseen index serves each range) and updating them by primary key; the condition outside too
     * would make the generic plan walk every unseen message of the mailbox (110 ms on 100,000).
     */
    public Uni<List<MessageRow>> markSeen(SqlClient sql, long accountId, long mailboxId, UidRanges uids,
            long changedSince, long modseq) {
        return sql.preparedQuery("UPDATE storage.messages m SET system_flags = m.system_flags | 1, modseq = $6 "
                        + "FROM (SELECT m.uid " + inRanges(" AND (i.system_flags & 1) = 0 AND i.modseq > $5", "OFFSET 0")
                        + ") x WHERE m.account_id = $1 AND m.mailbox_id = $2 AND m.uid = x.uid "
                        + "RETURNING m.uid, m.blob_sha256, m.size, m.modseq, m.system_flags, m.keywords")
                .execute(Tuple.from(List.of(accountId, mailboxId, uids.low(), uids.high(), changedSince, modseq)))
                .map(MessageRepository::rows);
    }

    /**
     * Deletes the messages of the set (only those with \Deleted unless {@code anyFlags}) and returns
     * them as they were.
     */
    public Uni<List<MessageRow>> delete(SqlClient sql, long accountId, long mailboxId, UidRanges uids, boolean anyFlags) {
        return sql.preparedQuery("DELETE FROM storage.messages m USING (SELECT m.uid " + inRanges("", "OFFSET 0")
                        + ") x WHERE m.account_id = $1 AND m.mailbox_id = $2 AND m.uid = x.uid "
                        + "AND ($5 OR (m.system_flags & 8) <> 0) "
                        + "RETURNING m.uid, m.blob_sha256, m.size, m.modseq, m.system_flags, m.keywords")
                .execute(Tuple.from(List.of(accountId, mailboxId, uids.low(), uids.high(), anyFlags)))
                .map(rows -> {
                    List<MessageRow> list = rows(rows);
                    list.sort(java.util.Comparator.comparingLong(MessageRow::uid));
                    return list;
                });
    }

    /** Expunge tombstones for the UIDs, with the MODSEQ of the expunge (RFC 7162 §3.2.10). */
    public Uni<Void> tombstones(SqlClient sql, long accountId, long mailboxId, long modseq, List<Long> uids) {
        if (uids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.preparedQuery("INSERT INTO storage.expunged (account_id, mailbox_id, uid, modseq) "
                        + "SELECT $1, $2, u, $3 FROM unnest($4::bigint[]) AS u "
                        + "ON CONFLICT (account_id, mailbox_id, uid) DO UPDATE SET modseq = EXCLUDED.modseq")
                .execute(Tuple.of(accountId, mailboxId, modseq, uids.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /**
     * Copies messages into another mailbox of the same account under new UIDs, all with one MODSEQ. The
     * copies share the blob, and with it its search text.
     */
    public Uni<Void> copy(SqlClient sql, long accountId, long sourceMailboxId, long targetMailboxId, long modseq,
            List<Long> sourceUids, List<Long> targetUids) {
        return sql.preparedQuery("INSERT INTO storage.messages (account_id, mailbox_id, uid, modseq, system_flags, keywords, "
                        + "blob_sha256, size, internal_date, internal_date_offset_minutes, envelope, body_structure, header, "
                        + "sent_date, preview) "
                        + "SELECT m.account_id, $3, c.dst, $4, m.system_flags, m.keywords, m.blob_sha256, m.size, "
                        + "m.internal_date, m.internal_date_offset_minutes, m.envelope, m.body_structure, m.header, "
                        + "m.sent_date, m.preview "
                        + "FROM unnest($5::bigint[], $6::bigint[]) AS c(src, dst) "
                        + "JOIN storage.messages m ON m.account_id = $1 AND m.mailbox_id = $2 AND m.uid = c.src")
                .execute(Tuple.from(List.of(accountId, sourceMailboxId, targetMailboxId, modseq,
                        sourceUids.toArray(Long[]::new), targetUids.toArray(Long[]::new))))
                .replaceWithVoid();
    }

    /** Messages whose MODSEQ is above {@code since}, ascending UID. */
    public Uni<List<MessageRow>> changedSince(SqlClient sql, long accountId, long mailboxId, long since) {
        return sql.preparedQuery("SELECT m.uid, m.blob_sha256, m.size, m.modseq, m.system_flags, m.keywords "
                        + "FROM storage.messages m WHERE m.account_id = $1 AND m.mailbox_id = $2 AND m.modseq > $3 ORDER BY m.uid")
                .execute(Tuple.of(accountId, mailboxId, since))
                .map(MessageRepository::rows);
    }

    /** UIDs expunged with a MODSEQ above {@code since}, ascending. */
    public Uni<List<Long>> expungedSince(SqlClient sql, long accountId, long mailboxId, long since) {
        return sql.preparedQuery("SELECT uid FROM storage.expunged WHERE account_id = $1 AND mailbox_id = $2 AND modseq > $3 "
                        + "ORDER BY uid")
                .execute(Tuple.of(accountId, mailboxId, since))
                .map(MessageRepository::longs);
    }

    /** How many messages of the mailbox have a UID of at least {@code fromUid}. */
    public Uni<Long> countFrom(SqlClient sql, long accountId, long mailboxId, long fromUid) {
        return sql.preparedQuery("SELECT count(*) FROM storage.messages WHERE account_id = $1 AND mailbox_id = $2 AND uid >= $3")
                .execute(Tuple.of(accountId, mailboxId, fromUid))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The UIDs above {@code afterUid}, ascending (from the primary key alone). */
    public Uni<List<Long>> uidsAfter(SqlClient sql, long accountId, long mailboxId, long afterUid) {
        return sql.preparedQuery("SELECT uid FROM storage.messages WHERE account_id = $1 AND mailbox_id = $2 AND uid > $3 "
                        + "ORDER BY uid")
                .execute(Tuple.of(accountId, mailboxId, afterUid))
                .map(MessageRepository::longs);
    }

    /**
     * The lowest UID without \Seen, 0 when every message has it: the first entry of the index of
     * unseen messages. Written as ORDER BY ... LIMIT 1, not min(uid): the generic plan PostgreSQL keeps
     * for a prepared statement aggregates every entry for min() (33,333 unseen of 100,000: 6 ms, most
     * of SELECT's time on such a mailbox), where LIMIT 1 reads one.
     */
    public Uni<Long> firstUnseen(SqlClient sql, long accountId, long mailboxId) {
        return sql.preparedQuery("SELECT uid FROM storage.messages WHERE account_id = $1 AND mailbox_id = $2 "
                        + "AND (system_flags & 1) = 0 ORDER BY uid LIMIT 1")
                .execute(Tuple.of(accountId, mailboxId))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
    }

    /** The distinct keywords set on any message of the mailbox (read from messages with keywords only). */
    public Uni<List<String>> keywordsInUse(SqlClient sql, long accountId, long mailboxId) {
        return sql.preparedQuery("SELECT DISTINCT k FROM storage.messages m, unnest(m.keywords) AS k "
                        + "WHERE m.account_id = $1 AND m.mailbox_id = $2 AND m.keywords <> '{}' ORDER BY k")
                .execute(Tuple.of(accountId, mailboxId))
                .map(rows -> {
                    List<String> list = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        list.add(row.getString(0));
                    }
                    return list;
                });
    }

    /** UID and MODSEQ of the messages matching a search condition, ascending. */
    public Uni<List<long[]>> search(SqlClient sql, long accountId, long mailboxId, String condition, List<Object> parameters) {
        List<Object> values = new ArrayList<>();
        values.add(accountId);
        values.add(mailboxId);
        values.addAll(parameters);
        return sql.preparedQuery("SELECT m.uid, m.modseq FROM storage.messages m "
                        + "WHERE m.account_id = $1 AND m.mailbox_id = $2 AND (" + condition + ") ORDER BY m.uid")
                .execute(Tuple.from(values))
                .map(rows -> {
                    List<long[]> list = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        list.add(new long[] {row.getLong(0), row.getLong(1)});
                    }
                    return list;
                });
    }

    /** What SORT and THREAD read of one message; {@code header} only when asked for, else null. */
    public record SortRow(long uid, long modseq, long size, java.time.Instant internalDate, byte[] envelope,
            byte[] header) {
    }

    /** The matching messages of a mailbox for SORT or THREAD, in UID order. */
    public Uni<List<SortRow>> sortRows(SqlClient sql, long accountId, long mailboxId, String condition,
            List<Object> parameters, boolean header) {
        List<Object> values = new ArrayList<>();
        values.add(accountId);
        values.add(mailboxId);
        values.addAll(parameters);
        return sql.preparedQuery("SELECT m.uid, m.modseq, m.size, m.internal_date, m.envelope"
                        + (header ? ", m.header" : "") + " FROM storage.messages m "
                        + "WHERE m.account_id = $1 AND m.mailbox_id = $2 AND (" + condition + ") ORDER BY m.uid")
                .execute(Tuple.from(values))
                .map(rows -> {
                    List<SortRow> list = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        list.add(new SortRow(row.getLong(0), row.getLong(1), row.getLong(2),
                                row.getOffsetDateTime(3).toInstant(), row.getBuffer(4).getBytes(),
                                header ? row.getBuffer(5).getBytes() : null));
                    }
                    return list;
                });
    }

    /** The blobs the messages of a mailbox reference. */
    public Uni<Set<BlobId>> blobReferences(SqlClient sql, long accountId, long mailboxId) {
        return sql.preparedQuery("SELECT DISTINCT blob_sha256 FROM storage.messages "
                        + "WHERE account_id = $1 AND mailbox_id = $2")
                .execute(Tuple.of(accountId, mailboxId))
                .map(MessageRepository::references);
    }

    /** The blobs the messages of an account reference. */
    public Uni<Set<BlobId>> blobReferences(SqlClient sql, long accountId) {
        return sql.preparedQuery("SELECT DISTINCT blob_sha256 FROM storage.messages WHERE account_id = $1")
                .execute(Tuple.of(accountId))
                .map(MessageRepository::references);
    }

    /** Deletes every message and tombstone of a mailbox. */
    public Uni<Void> deleteMailboxContent(SqlClient sql, long accountId, long mailboxId) {
        return sql.preparedQuery("DELETE FROM storage.messages WHERE account_id = $1 AND mailbox_id = $2")
                .execute(Tuple.of(accountId, mailboxId))
                .flatMap(ignored -> sql.preparedQuery("DELETE FROM storage.expunged WHERE account_id = $1 AND mailbox_id = $2")
                        .execute(Tuple.of(accountId, mailboxId)))
                .replaceWithVoid();
    }

    /** Deletes every message and tombstone of an account. */
    public Uni<Void> deleteAccountContent(SqlClient sql, long accountId) {
        return sql.preparedQuery("DELETE FROM storage.messages WHERE account_id = $1")
                .execute(Tuple.of(accountId))
                .flatMap(ignored -> sql.preparedQuery("DELETE FROM storage.expunged WHERE account_id = $1")
                        .execute(Tuple.of(accountId)))
                .replaceWithVoid();
    }

    private static Set<BlobId> references(RowSet<Row> rows) {
        Set<BlobId> refs = new HashSet<>();
        for (Row row : rows) {
            refs.add(BlobId.of(row.getBuffer(0).getBytes()));
        }
        return refs;
    }

    private static List<MessageRow> rows(RowSet<Row> rows) {
        List<MessageRow> list = new ArrayList<>(rows.size());
        MessageRow.Columns columns = null;
        for (Row row : rows) {
            if (columns == null) {
                columns = MessageRow.Columns.of(row);
            }
            list.add(MessageRow.from(row, columns));
        }
        return list;
    }

    private static List<Long> longs(RowSet<Row> rows) {
        List<Long> list = new ArrayList<>(rows.size());
        for (Row row : rows) {
            list.add(row.getLong(0));
        }
        return list;
    }
}
