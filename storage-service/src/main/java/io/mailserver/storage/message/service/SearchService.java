package io.mailserver.storage.message.service;

import io.mailserver.contracts.storage.v1.SearchKey;
import io.mailserver.contracts.storage.v1.SearchRequest;
import io.mailserver.contracts.storage.v1.SearchResponse;
import io.mailserver.storage.config.StorageConfig;
import io.mailserver.storage.mailbox.repository.MailboxRepository;
import io.mailserver.storage.message.model.UidRanges;
import io.mailserver.storage.message.repository.MessageRepository;
import io.mailserver.storage.sql.CustomPlans;
import io.mailserver.storage.sql.SetUpTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * SEARCH (RFC 9051 §6.4.4) as one SQL query per request: the key tree becomes a WHERE condition
 * over the flags, the decoded header lines, the text index, the dates, the size and the MODSEQ.
 */
@ApplicationScoped
public class SearchService {

    private static final Logger LOG = Logger.getLogger(SearchService.class);

    private final Pool pool;
    private final MailboxRepository mailboxes;
    private final MessageRepository messages;
    private final StorageConfig.Search config;

    public SearchService(Pool pool, MailboxRepository mailboxes, MessageRepository messages, StorageConfig config) {
        this.pool = pool;
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.config = config.search();
    }

    public Uni<SearchResponse> search(SearchRequest request) {
        SearchKey key = request.hasKey() ? request.getKey() : SearchKey.newBuilder().setAll(true).build();
        // compiled once before any I/O, so a malformed key is refused without touching the database
        SearchSql.compile(key, Set.of());
        return mailboxes.resolve(pool, request.getMailbox(), false)
                .flatMap(mailbox -> fromIndex(key, mailbox.messageCount())
                        .flatMap(indexed -> {
                            SearchSql.Compiled compiled = SearchSql.compile(key, indexed);
                            return CustomPlans.run(pool, tx -> messages.search(tx, mailbox.accountId(),
                                    mailbox.mailboxId(), compiled.condition(), compiled.parameters()));
                        }))
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

    /**
     * The text keys the search may start from: those that fewer blobs match than half the mailbox
     * holds messages, found out within the probe's time budget. A common value stops the count at
     * its limit; words that each are common but together rare (many candidates, few matches) run
     * out of time. In a small mailbox none is probed: looking at each message is cheap there.
     */
    private Uni<Set<SearchKey>> fromIndex(SearchKey key, long messageCount) {
        Set<SearchKey> indexed = Collections.newSetFromMap(new IdentityHashMap<>());
        if (messageCount < config.probeFrom()) {
            return Uni.createFrom().item(indexed);
        }
        List<SearchKey> probed = SearchSql.contentKeys(key).stream().limit(Math.max(0, config.maxProbes())).toList();
        long limit = Math.max(1, messageCount / 2);
        return Multi.createFrom().iterable(probed)
                .onItem().transformToUniAndConcatenate(contentKey -> selective(contentKey, limit)
                        .invoke(selective -> {
                            if (selective) {
                                indexed.add(contentKey);
                            }
                        }))
                .collect().last()
                .replaceWith(indexed);
    }

    /** True when fewer than {@code limit} blobs match, counted within the time budget. */
    private Uni<Boolean> selective(SearchKey contentKey, long limit) {
        SearchSql.Compiled probe = SearchSql.probe(contentKey);
        List<Object> values = new ArrayList<>();
        values.add(limit);
        values.addAll(probe.parameters());
        long budget = Math.max(1, config.probeBudget().toMillis());
        return SetUpTransaction.run(pool, "SET LOCAL statement_timeout = " + budget
                        + "; SET LOCAL plan_cache_mode = force_custom_plan",
                        tx -> tx.preparedQuery(probe.condition()).execute(Tuple.from(values)))
                .map(rows -> rows.iterator().next().getLong(0) < limit)
                // past the budget (57014), or any other failure: the probe only guides the plan, and
                // checking the key message by message is always right
                .onFailure().recoverWithItem(failure -> {
                    if (!(failure instanceof PgException pg && "57014".equals(pg.getSqlState()))) {
                        LOG.debugf("search probe failed (%s); the key is checked message by message", failure.toString());
                    }
                    return false;
                });
    }
}
