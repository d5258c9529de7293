package io.mailserver.storage.message.service;

import io.mailserver.contracts.storage.v1.SearchKey;
import io.mailserver.contracts.storage.v1.SearchRequest;
import io.mailserver.contracts.storage.v1.SearchResponse;
import io.mailserver.storage.mailbox.repository.MailboxRepository;
import io.mailserver.storage.message.model.UidRanges;
import io.mailserver.storage.message.repository.MessageRepository;
import io.mailserver.storage.sql.CustomPlans;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * SEARCH (RFC 9051 §6.4.4) as one SQL query per request: the key tree becomes a WHERE condition
 * over the flags, the decoded header lines, the text index, the dates, the size and the MODSEQ.
 */
@ApplicationScoped
public class SearchService {

    private final Pool pool;
    private final MailboxRepository mailboxes;
    private final MessageRepository messages;

    public SearchService(Pool pool, MailboxRepository mailboxes, MessageRepository messages) {
        this.pool = pool;
        this.mailboxes = mailboxes;
        this.messages = messages;
    }

    public Uni<SearchResponse> search(SearchRequest request) {
        SearchKey key = request.hasKey() ? request.getKey() : SearchKey.newBuilder().setAll(true).build();
        SearchSql.Compiled compiled = SearchSql.compile(key);
        return mailboxes.resolve(pool, request.getMailbox(), false)
                .flatMap(mailbox -> CustomPlans.run(pool, tx -> messages.search(tx, mailbox.accountId(),
                        mailbox.mailboxId(), compiled.condition(), compiled.parameters())))
                .map(rows -> {
                    List<Long> uids = new ArrayList<>(rows.size());
                    long highest = 0;
                    for (long[] row : rows) {
                        uids.add(row[0]);
                        highest = Math.max(highest, row[1]);
                    }
                    return SearchResponse.newBuilder().setUids(UidRanges.toUidSet(uids)).setHighestModseq(highest).build();
                });
    }
}
