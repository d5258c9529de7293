package io.mailserver.storage.delivery.repository;

import io.mailserver.contracts.storage.v1.DeliveredMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/** SQL on {@code storage.deliveries}: the first result of each delivery id, per recipient. */
@ApplicationScoped
public class DeliveryRepository {

    private final Pool pool;

    public DeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    /** A recorded result: the recipients' messages in recipient order and the content hash. */
    public record Recorded(List<DeliveredMessage> messages, String contentSha256) {
    }

    public Uni<Recorded> find(SqlClient sql, Collection<Long> accountIds, String deliveryId) {
        return sql.preparedQuery("SELECT account_id, mailbox_id, uid_validity, uid, content_sha256 FROM storage.deliveries "
                        + "WHERE account_id = ANY($1) AND delivery_id = $2 ORDER BY recipient_index")
                .execute(Tuple.of(accountIds.stream().distinct().toArray(Long[]::new), deliveryId))
                .map(rows -> {
                    List<DeliveredMessage> messages = new ArrayList<>();
                    String sha = null;
                    for (Row row : rows) {
                        messages.add(DeliveredMessage.newBuilder()
                                .setAccountId(row.getLong("account_id"))
                                .setMailboxId(row.getLong("mailbox_id"))
                                .setUidValidity(row.getLong("uid_validity").intValue())
                                .setUid(row.getLong("uid").intValue())
                                .build());
                        sha = HexFormat.of().formatHex(row.getBuffer("content_sha256").getBytes());
                    }
                    return messages.isEmpty() ? null : new Recorded(messages, sha);
                });
    }

    public Uni<Void> record(SqlClient sql, String deliveryId, List<DeliveredMessage> messages, byte[] sha256) {
        int n = messages.size();
        Long[] accounts = new Long[n];
        Integer[] indexes = new Integer[n];
        Long[] mailboxes = new Long[n];
        Long[] validities = new Long[n];
        Long[] uids = new Long[n];
        for (int i = 0; i < n; i++) {
            DeliveredMessage m = messages.get(i);
            accounts[i] = m.getAccountId();
            indexes[i] = i;
            mailboxes[i] = m.getMailboxId();
            validities[i] = Integer.toUnsignedLong(m.getUidValidity());
            uids[i] = Integer.toUnsignedLong(m.getUid());
        }
        return sql.preparedQuery("INSERT INTO storage.deliveries (account_id, delivery_id, recipient_index, mailbox_id, "
                        + "uid_validity, uid, content_sha256) "
                        + "SELECT d.account_id, $1, d.idx, d.mailbox_id, d.uid_validity, d.uid, $2 "
                        + "FROM unnest($3::bigint[], $4::int[], $5::bigint[], $6::bigint[], $7::bigint[]) "
                        + "AS d(account_id, idx, mailbox_id, uid_validity, uid)")
                .execute(Tuple.from(List.of(deliveryId, Buffer.buffer(sha256), accounts, indexes, mailboxes, validities, uids)))
                .replaceWithVoid();
    }

    public Uni<Integer> deleteOlderThan(Duration retention) {
        return pool.preparedQuery("DELETE FROM storage.deliveries WHERE created_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) retention.toSeconds()))
                .map(rows -> rows.rowCount());
    }
}
