package io.mailserver.storage.queue.repository;

import io.mailserver.storage.blob.BlobId;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQL on the outbound queue. Every method joins the caller's transaction or client. */
@ApplicationScoped
public class QueueRepository {

    /** A message to queue: its content's blob (already referenced once for it) and envelope. */
    public record NewOutbound(String deliveryId, BlobId blob, String mailFrom, long size, String envid,
            boolean returnHeadersOnly, boolean returnFull, boolean smtputf8, boolean eightBit, String tlsRequirement,
            OffsetDateTime expiresAt) {
    }

    /** The queue id of the message queued under {@code deliveryId}, or null. */
    public Uni<Long> findByDelivery(SqlClient sql, String deliveryId) {
        return sql.preparedQuery("SELECT queue_id FROM storage.outbound_messages WHERE delivery_id = $1")
                .execute(Tuple.of(deliveryId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("queue_id") : null);
    }

    /**
     * Queues the message with one entry per domain, recipients in the order given.
     *
     * @param byDomain recipients grouped by their (lower-case) domain
     * @return the queue id
     */
    public Uni<Long> insert(SqlConnection tx, NewOutbound message, Map<String, List<QueuedRecipientRow>> byDomain) {
        return tx.preparedQuery("INSERT INTO storage.outbound_messages (delivery_id, blob_sha256, mail_from, size, envid, "
                        + "return_headers_only, expires_at, smtputf8, eight_bit, tls_requirement, return_full) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
                        + "RETURNING queue_id")
                .execute(Tuple.from(List.of(message.deliveryId(), Buffer.buffer(message.blob().bytes()), message.mailFrom(),
                        message.size(), message.envid(), message.returnHeadersOnly(), message.expiresAt(), message.smtputf8(),
                        message.eightBit(), message.tlsRequirement(), message.returnFull())))
                .map(rows -> rows.iterator().next().getLong("queue_id"))
                .call(queueId -> io.smallrye.mutiny.Multi.createFrom().iterable(byDomain.entrySet())
                        .onItem().transformToUniAndConcatenate(e -> insertEntry(tx, queueId, e.getKey(), e.getValue()))
                        .collect().last());
    }

    private Uni<Void> insertEntry(SqlConnection tx, long queueId, String domain, List<QueuedRecipientRow> recipients) {
        int n = recipients.size();
        Integer[] indexes = new Integer[n];
        String[] addresses = new String[n];
        String[] originals = new String[n];
        String[] notify = new String[n];
        for (int i = 0; i < n; i++) {
            QueuedRecipientRow r = recipients.get(i);
            indexes[i] = r.index();
            addresses[i] = r.address();
            originals[i] = r.originalRecipient();
            notify[i] = r.notifications();
        }
        return tx.preparedQuery("WITH e AS (INSERT INTO storage.outbound_entries (queue_id, domain) VALUES ($1, $2) "
                        + "RETURNING entry_id) "
                        + "INSERT INTO storage.outbound_recipients (entry_id, recipient_index, address, original_recipient, notify) "
                        + "SELECT e.entry_id, r.idx, r.address, r.original, r.notify FROM e, "
                        + "unnest($3::int[], $4::text[], $5::text[], $6::text[]) AS r(idx, address, original, notify)")
                .execute(Tuple.from(List.of(queueId, domain, indexes, addresses, originals, notify)))
                .replaceWithVoid();
    }

    /**
     * Leases up to {@code max} due entries to {@code worker}, oldest due first: due means the next
     * attempt time has come and no other worker holds an unexpired lease. Rows another transaction is
     * leasing are skipped. Of each domain, no more than {@code allowance} leaves room for, counted
     * before the batch is cut to {@code max}, so a domain with a backlog never crowds out the others.
     * The ranking reads every due entry: fine for queues of many thousands, a cost to watch beyond.
     */
    public Uni<List<QueueEntryRow>> lease(SqlConnection tx, String worker, int max, int leaseSeconds, DomainAllowance allowance,
            int maxLeasedPerDomain) {
        List<String> heldDomains = new ArrayList<>(allowance.held().keySet());
        Integer[] heldEntries = heldDomains.stream().map(allowance.held()::get).toArray(Integer[]::new);
        // the per-domain cap applies before the LIMIT: capped first, a backlog to one domain cannot
        // fill the batch and leave the others waiting; the rows are then locked, skipping those
        // another worker is leasing, and the due conditions checked again on their latest version. The
        // cap over all workers counts the unexpired leases of each domain (the caller serializes leases
        // while that cap is on, so two workers cannot both take the last places)
        return tx.preparedQuery("UPDATE storage.outbound_entries e SET lease_owner = $1, "
                        + "lease_until = now() + make_interval(secs => $3) "
                        + "FROM (SELECT o.entry_id FROM storage.outbound_entries o "
                        + "      WHERE o.entry_id IN ("
                        + "          SELECT ranked.entry_id FROM "
                        + "            (SELECT entry_id, domain, next_attempt_at, "
                        + "                    row_number() OVER (PARTITION BY domain ORDER BY next_attempt_at, entry_id) AS nth "
                        + "             FROM storage.outbound_entries "
                        + "             WHERE next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now()) "
                        + "               AND domain <> ALL($4::text[])) ranked "
                        + "          LEFT JOIN unnest($5::text[], $6::int[]) AS held(domain, entries) ON held.domain = ranked.domain "
                        + "          LEFT JOIN (SELECT domain, count(*) AS entries FROM storage.outbound_entries "
                        + "                     WHERE $8::int > 0 AND lease_until >= now() GROUP BY domain) AS leased "
                        + "            ON leased.domain = ranked.domain "
                        + "          WHERE ($7::int = 0 OR ranked.nth + coalesce(held.entries, 0) <= $7::int) "
                        + "            AND ($8::int = 0 OR ranked.nth + coalesce(leased.entries, 0) <= $8::int) "
                        + "          ORDER BY ranked.next_attempt_at LIMIT $2) "
                        + "        AND o.next_attempt_at <= now() AND (o.lease_until IS NULL OR o.lease_until < now()) "
                        + "      FOR UPDATE SKIP LOCKED) due "
                        + "WHERE e.entry_id = due.entry_id RETURNING e.entry_id")
                .execute(Tuple.from(List.of(worker, max, (double) leaseSeconds, allowance.full().toArray(String[]::new),
                        heldDomains.toArray(String[]::new), heldEntries, allowance.maxPerDomain(), maxLeasedPerDomain)))
                .flatMap(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong("entry_id")));
                    return ids.isEmpty() ? Uni.createFrom().item(List.<QueueEntryRow>of()) : entries(tx, ids);
                });
    }

    /** Extends the worker's unexpired leases of these entries; answers the ids renewed. */
    public Uni<List<Long>> renew(SqlClient sql, String worker, List<Long> ids, int leaseSeconds) {
        return sql.preparedQuery("UPDATE storage.outbound_entries SET lease_until = now() + make_interval(secs => $3) "
                        + "WHERE entry_id = ANY($1) AND lease_owner = $2 AND lease_until > now() RETURNING entry_id")
                .execute(Tuple.of(ids.toArray(Long[]::new), worker, (double) leaseSeconds))
                .map(rows -> {
                    List<Long> renewed = new ArrayList<>();
                    rows.forEach(row -> renewed.add(row.getLong("entry_id")));
                    return renewed;
                });
    }

    /** The entries with these ids and their recipients still queued, in id order. */
    public Uni<List<QueueEntryRow>> entries(SqlClient sql, List<Long> ids) {
        return sql.preparedQuery("SELECT e.entry_id, e.queue_id, e.domain, e.attempts, e.lease_until, e.last_error, "
                        + "e.next_attempt_at, e.delay_warned, "
                        + "m.mail_from, m.size, m.envid, m.return_headers_only, m.return_full, m.queued_at, m.expires_at, m.smtputf8, m.eight_bit, "
                        + "m.tls_requirement, "
                        + "r.recipient_index, r.address, r.original_recipient, r.notify "
                        + "FROM storage.outbound_entries e JOIN storage.outbound_messages m ON m.queue_id = e.queue_id "
                        + "JOIN storage.outbound_recipients r ON r.entry_id = e.entry_id AND r.state = 'queued' "
                        + "WHERE e.entry_id = ANY($1) ORDER BY e.entry_id, r.recipient_index")
                .execute(Tuple.of((Object) ids.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, List<Row>> byEntry = new LinkedHashMap<>();
                    rows.forEach(row -> byEntry.computeIfAbsent(row.getLong("entry_id"), k -> new ArrayList<>()).add(row));
                    List<QueueEntryRow> entries = new ArrayList<>();
                    byEntry.forEach((id, entryRows) -> entries.add(entry(entryRows)));
                    return entries;
                });
    }

    private static QueueEntryRow entry(List<Row> rows) {
        Row first = rows.get(0);
        List<QueuedRecipientRow> recipients = new ArrayList<>();
        for (Row row : rows) {
            recipients.add(new QueuedRecipientRow(row.getInteger("recipient_index"), row.getString("address"),
                    row.getString("original_recipient"), row.getString("notify")));
        }
        return new QueueEntryRow(first.getLong("entry_id"), first.getLong("queue_id"), first.getString("domain"),
                first.getString("mail_from"), first.getLong("size"), first.getString("envid"),
                first.getBoolean("return_headers_only"), first.getBoolean("return_full"), first.getOffsetDateTime("queued_at"),
                first.getOffsetDateTime("expires_at"), first.getInteger("attempts"),
                first.getOffsetDateTime("lease_until"), first.getString("last_error"),
                first.getOffsetDateTime("next_attempt_at"), first.getBoolean("delay_warned"), first.getBoolean("smtputf8"),
                first.getBoolean("eight_bit"), first.getString("tls_requirement"), recipients);
    }

    /**
     * Ids of entries with recipients still queued, oldest first: all of them, one domain's
     * ({@code domain} not empty) or one ({@code entryId} not 0).
     */
    public Uni<List<Long>> ids(SqlClient sql, String domain, long entryId, int limit) {
        return sql.preparedQuery("SELECT entry_id FROM storage.outbound_entries WHERE ($1 = '' OR domain = $1) "
                        + "AND ($2 = 0 OR entry_id = $2) ORDER BY entry_id LIMIT $3")
                .execute(Tuple.of(domain, entryId, limit))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong("entry_id")));
                    return ids;
                });
    }

    /** How many entries are queued, for one domain when {@code domain} is not empty. */
    public Uni<Long> count(SqlClient sql, String domain) {
        return sql.preparedQuery("SELECT count(*) AS n FROM storage.outbound_entries WHERE ($1 = '' OR domain = $1)")
                .execute(Tuple.of(domain))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /** The queue's size and age at a glance, for the gauges. */
    public record Depth(long messages, long entries, long recipients, long deferredEntries, double oldestSeconds) {
    }

    public Uni<Depth> depth(SqlClient sql) {
        return sql.query("SELECT (SELECT count(*) FROM storage.outbound_messages) AS messages, "
                        + "(SELECT count(*) FROM storage.outbound_entries) AS entries, "
                        + "(SELECT count(*) FROM storage.outbound_recipients WHERE state = 'queued') AS recipients, "
                        + "(SELECT count(*) FROM storage.outbound_entries WHERE attempts > 0) AS deferred, "
                        + "(SELECT coalesce(extract(epoch FROM now() - min(queued_at)), 0)::float8 "
                        + "   FROM storage.outbound_messages) AS oldest")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Depth(row.getLong("messages"), row.getLong("entries"), row.getLong("recipients"),
                            row.getLong("deferred"), row.getDouble("oldest"));
                });
    }

    /**
     * Makes entries due now (one, or all when {@code entryId} is 0), leaving those under a live lease
     * to the worker attempting them.
     *
     * @return how many were made due
     */
    public Uni<Integer> retryNow(SqlClient sql, long entryId) {
        return sql.preparedQuery("UPDATE storage.outbound_entries SET next_attempt_at = now() "
                        + "WHERE ($1 = 0 OR entry_id = $1) AND (lease_until IS NULL OR lease_until < now())")
                .execute(Tuple.of(entryId))
                .map(rows -> rows.rowCount());
    }

    /** Whether the entry is queued, locking it against a worker's report running at the same time. */
    public Uni<Boolean> lock(SqlConnection tx, long entryId) {
        return tx.preparedQuery("SELECT 1 FROM storage.outbound_entries WHERE entry_id = $1 FOR UPDATE")
                .execute(Tuple.of(entryId))
                .map(rows -> rows.iterator().hasNext());
    }

    /** The content of a leased entry's message. */
    public record LeasedContent(BlobId blob, long size) {
    }

    /**
     * Checks (and with {@code forUpdate} locks) the entry if {@code worker} holds its unexpired lease;
     * answers the message's content, or null when the lease is not (or no longer) the worker's.
     */
    public Uni<LeasedContent> leased(SqlClient sql, long entryId, String worker, boolean forUpdate) {
        return sql.preparedQuery("SELECT m.blob_sha256, m.size FROM storage.outbound_entries e "
                        + "JOIN storage.outbound_messages m ON m.queue_id = e.queue_id "
                        + "WHERE e.entry_id = $1 AND e.lease_owner = $2 AND e.lease_until > now()"
                        + (forUpdate ? " FOR UPDATE OF e" : ""))
                .execute(Tuple.of(entryId, worker))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new LeasedContent(BlobId.of(row.getBuffer("blob_sha256").getBytes()), row.getLong("size"));
                });
    }

    /** Sets final or deferred states of recipients (only those still queued change). */
    public Uni<Void> recordOutcomes(SqlConnection tx, long entryId, List<Integer> indexes, List<String> states,
            List<String> diagnostics) {
        return tx.preparedQuery("UPDATE storage.outbound_recipients r SET state = o.state, diagnostic = o.diagnostic "
                        + "FROM unnest($2::int[], $3::text[], $4::text[]) AS o(idx, state, diagnostic) "
                        + "WHERE r.entry_id = $1 AND r.recipient_index = o.idx AND r.state = 'queued'")
                .execute(Tuple.of(entryId, indexes.toArray(Integer[]::new), states.toArray(String[]::new),
                        diagnostics.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Recipients of the entry still queued. */
    public Uni<Integer> remaining(SqlConnection tx, long entryId) {
        return tx.preparedQuery("SELECT count(*) AS n FROM storage.outbound_recipients WHERE entry_id = $1 AND state = 'queued'")
                .execute(Tuple.of(entryId))
                .map(rows -> rows.iterator().next().getInteger("n"));
    }

    /**
     * After an attempt with recipients left: released, due again at {@code retryAt}; {@code delayWarned}
     * records that the sender was told of the delay (it never goes back to false).
     */
    public Uni<Void> reschedule(SqlConnection tx, long entryId, OffsetDateTime retryAt, String error, boolean delayWarned) {
        return tx.preparedQuery("UPDATE storage.outbound_entries SET attempts = attempts + 1, next_attempt_at = $2, "
                        + "lease_owner = NULL, lease_until = NULL, last_error = $3, delay_warned = delay_warned OR $4 "
                        + "WHERE entry_id = $1")
                .execute(Tuple.of(entryId, retryAt, error, delayWarned))
                .replaceWithVoid();
    }

    /**
     * After an attempt that left nothing queued: the entry goes, and with the message's last entry the
     * message; answers the blob whose reference is then to be released, or null while other entries
     * remain. The message row is locked first, so two workers finishing its last two entries at once
     * cannot both see the other's entry and leave the message behind.
     */
    public Uni<BlobId> finish(SqlConnection tx, long entryId) {
        return tx.preparedQuery("SELECT m.queue_id FROM storage.outbound_messages m "
                        + "WHERE m.queue_id = (SELECT queue_id FROM storage.outbound_entries WHERE entry_id = $1) FOR UPDATE")
                .execute(Tuple.of(entryId))
                .flatMap(rows -> {
                    long queueId = rows.iterator().next().getLong("queue_id");
                    return tx.preparedQuery("DELETE FROM storage.outbound_entries WHERE entry_id = $1")
                            .execute(Tuple.of(entryId))
                            .flatMap(deleted -> tx.preparedQuery("DELETE FROM storage.outbound_messages m WHERE m.queue_id = $1 "
                                            + "AND NOT EXISTS (SELECT 1 FROM storage.outbound_entries e WHERE e.queue_id = $1) "
                                            + "RETURNING m.blob_sha256")
                                    .execute(Tuple.of(queueId)));
                })
                .map(rows -> rows.iterator().hasNext()
                        ? BlobId.of(rows.iterator().next().getBuffer("blob_sha256").getBytes())
                        : null);
    }
}
