package io.mailserver.storage.message;

import static io.mailserver.storage.support.StorageTestClient.all;
import static io.mailserver.storage.support.StorageTestClient.inbox;
import static io.mailserver.storage.support.StorageTestClient.mailbox;
import static io.mailserver.storage.support.StorageTestClient.newAccountId;
import static io.mailserver.storage.support.StorageTestClient.uids;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.mailserver.contracts.storage.v1.AppendHeader;
import io.mailserver.contracts.storage.v1.AppendRequest;
import io.mailserver.contracts.storage.v1.DateCondition;
import io.mailserver.contracts.storage.v1.DeliveryService;
import io.mailserver.contracts.storage.v1.FlagCondition;
import io.mailserver.contracts.storage.v1.CopyMessagesRequest;
import io.mailserver.contracts.storage.v1.ExpungeRequest;
import io.mailserver.contracts.storage.v1.HeaderCondition;
import io.mailserver.contracts.storage.v1.MailboxRef;
import io.mailserver.contracts.storage.v1.MessageService;
import io.mailserver.contracts.storage.v1.MessageServiceGrpc;
import io.mailserver.contracts.storage.v1.SearchKey;
import io.mailserver.contracts.storage.v1.SearchKeyList;
import io.mailserver.contracts.storage.v1.SearchRequest;
import io.mailserver.contracts.storage.v1.SearchResponse;
import io.mailserver.contracts.storage.v1.SizeCondition;
import io.mailserver.contracts.storage.v1.StoreFlagsRequest;
import io.mailserver.contracts.storage.v1.Timestamp;
import io.mailserver.contracts.storage.v1.UidRange;
import io.mailserver.storage.blob.service.BlobCollector;
import io.mailserver.storage.support.SampleMessages;
import io.mailserver.storage.support.StorageTestClient;
import io.mailserver.testkit.quarkus.GrpcServerResource;
import io.mailserver.testkit.quarkus.KafkaResource;
import io.mailserver.testkit.quarkus.PostgresResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.mailserver.storage.message.service.SearchSql;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SEARCH keys (RFC 9051 §6.4.4) over three appended messages. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class SearchTest {

    @GrpcClient("storage")
    DeliveryService delivery;

    @GrpcClient("storage")
    MessageService messages;

    @GrpcClient("storage")
    MessageServiceGrpc.MessageServiceBlockingStub blocking;

    @Inject
    Pool pool;

    @Inject
    BlobCollector collector;

    @Inject
    io.mailserver.storage.message.repository.MessageRepository repository;

    long account;

    /** uid 1: small, seen, 2026-01-10; uid 2: complex multipart, 2026-03-03; uid 3: large, flagged, 2026-05-20. */
    @BeforeEach
    void setUp() {
        account = newAccountId();
        append(SampleMessages.crlf("From: Zed <zed@example.com>\nSubject: Lunch on Friday\n"
                + "Date: Sat, 10 Jan 2026 12:00:00 -0800\n\nShall we meet for lunch?\n"), "2026-01-10T23:30:00-08:00", "\\Seen");
        append(SampleMessages.complex(SampleMessages.uniqueId()), "2026-03-03T10:00:00+01:00");
        append(SampleMessages.large(40_000), "2026-05-20T00:30:00+02:00", "\\Flagged", "Work");
    }

    private void append(byte[] raw, String internalDate, String... flags) {
        OffsetDateTime date = OffsetDateTime.parse(internalDate);
        List<AppendRequest> items = new ArrayList<>();
        items.add(AppendRequest.newBuilder().setHeader(AppendHeader.newBuilder()
                .setMailbox(inbox(account)).addAllFlags(List.of(flags)).setSize(raw.length)
                .setInternalDate(Timestamp.newBuilder().setEpochSeconds(date.toEpochSecond())
                        .setZoneOffsetMinutes(date.getOffset().getTotalSeconds() / 60))).build());
        items.add(AppendRequest.newBuilder().setData(ByteString.copyFrom(raw)).build());
        messages.appendMessage(Multi.createFrom().iterable(items)).await().atMost(Duration.ofSeconds(30));
    }

    private List<Integer> search(SearchKey key) {
        return search(inbox(account), key);
    }

    private List<Integer> search(MailboxRef mailbox, SearchKey key) {
        SearchResponse response = blocking.searchMessages(SearchRequest.newBuilder().setMailbox(mailbox).setKey(key).build());
        List<Integer> found = new ArrayList<>();
        for (UidRange r : response.getUids().getRangesList()) {
            for (int uid = r.getFirst(); uid <= r.getLast(); uid++) {
                found.add(uid);
            }
        }
        return found;
    }

    private static SearchKey flag(String flag, boolean present) {
        return SearchKey.newBuilder().setFlag(FlagCondition.newBuilder().setFlag(flag).setPresent(present)).build();
    }

    private static SearchKey header(String field, String value) {
        return SearchKey.newBuilder().setHeader(HeaderCondition.newBuilder().setField(field).setValue(value)).build();
    }

    private static SearchKey date(boolean internal, DateCondition.Op op, String day) {
        DateCondition condition = DateCondition.newBuilder().setOp(op).setDate(day).build();
        return internal ? SearchKey.newBuilder().setInternalDate(condition).build()
                : SearchKey.newBuilder().setSentDate(condition).build();
    }

    @Test
    void allAndUidSets() {
        assertThat(search(SearchKey.newBuilder().setAll(true).build())).containsExactly(1, 2, 3);
        assertThat(search(SearchKey.newBuilder().setUids(uids(2, 7)).build())).containsExactly(2, 3);
        SearchResponse response = blocking.searchMessages(SearchRequest.newBuilder().setMailbox(inbox(account))
                .setKey(SearchKey.newBuilder().setAll(true)).build());
        assertThat(response.getHighestModseq()).isPositive();
    }

    @Test
    void flagsAndKeywords() {
        assertThat(search(flag("\\Seen", true))).containsExactly(1);
        assertThat(search(flag("\\SEEN", false))).containsExactly(2, 3);
        assertThat(search(flag("\\Flagged", true))).containsExactly(3);
        assertThat(search(flag("work", true))).containsExactly(3);
        assertThat(search(flag("\\Recent", true))).isEmpty();
    }

    @Test
    void headersAreMatchedDecodedAndCaseInsensitively() {
        assertThat(search(header("subject", "lunch"))).containsExactly(1);
        assertThat(search(header("Subject", "café"))).containsExactly(2);
        assertThat(search(header("From", "ALICE@"))).containsExactly(2, 3);
        assertThat(search(header("X-Folded", ""))).containsExactly(2);
        assertThat(search(header("To", "carol, c."))).containsExactly(2);
        assertThat(search(header("Subject", "a.b*"))).isEmpty();
    }

    @Test
    void bodyAndTextUseTheIndex() {
        assertThat(search(SearchKey.newBuilder().setBody("zebra").build())).containsExactly(2);
        assertThat(search(SearchKey.newBuilder().setBody("Inner body").build())).containsExactly(2);
        assertThat(search(SearchKey.newBuilder().setBody("lazy dog").build())).containsExactly(3);
        assertThat(search(SearchKey.newBuilder().setBody("friday").build())).isEmpty();
        assertThat(search(SearchKey.newBuilder().setText("friday").build())).containsExactly(1);
        assertThat(search(SearchKey.newBuilder().setText("café").build())).containsExactly(2);
    }

    @Test
    void bodyMatchesSubstringsLikeImapAsks() {
        assertThat(search(SearchKey.newBuilder().setBody("EBR").build())).containsExactly(2);
        assertThat(search(SearchKey.newBuilder().setBody("uick brown f").build())).containsExactly(3);
        assertThat(search(SearchKey.newBuilder().setBody("hall we m").build())).containsExactly(1);
        // LIKE's own characters are matched literally
        assertThat(search(SearchKey.newBuilder().setBody("%").build())).isEmpty();
        assertThat(search(SearchKey.newBuilder().setBody("l_nch").build())).isEmpty();
        assertThat(search(SearchKey.newBuilder().setText("unch on fri").build())).containsExactly(1);
    }

    @Test
    void addressesAreMatchedAsParsedWhateverTheirSpelling() {
        append(SampleMessages.crlf("From: <user-from (comment)@ (comment) domain.org>\nSubject: a\n\nx\n"),
                "2026-06-01T00:00:00Z");
        append(SampleMessages.crlf("From: user-from@domain.org (RealFrom)\nSubject: b\n\nx\n"), "2026-06-01T00:00:00Z");
        assertThat(search(header("From", "user-from@domain.org"))).containsExactly(4, 5);
        assertThat(search(header("From", "realfrom"))).containsExactly(5);
        assertThat(search(header("From", "comment"))).isEmpty();
    }

    @Test
    void datesDisregardTimeAndZone() {
        assertThat(search(date(true, DateCondition.Op.ON, "2026-01-10"))).containsExactly(1);
        assertThat(search(date(true, DateCondition.Op.BEFORE, "2026-03-03"))).containsExactly(1);
        assertThat(search(date(true, DateCondition.Op.SINCE, "2026-03-03"))).containsExactly(2, 3);
        assertThat(search(date(true, DateCondition.Op.ON, "2026-05-20"))).containsExactly(3);
        assertThat(search(date(false, DateCondition.Op.ON, "2026-01-10"))).containsExactly(1);
        assertThat(search(date(false, DateCondition.Op.SINCE, "2026-03-01"))).containsExactly(2, 3);
    }

    @Test
    void sizeNotAndOr() {
        assertThat(search(SearchKey.newBuilder().setSize(SizeCondition.newBuilder().setLarger(true).setOctets(10_000)).build()))
                .containsExactly(3);
        assertThat(search(SearchKey.newBuilder().setSize(SizeCondition.newBuilder().setLarger(false).setOctets(200)).build()))
                .containsExactly(1);
        assertThat(search(SearchKey.newBuilder().setNot(flag("\\Seen", true)).build())).containsExactly(2, 3);
        assertThat(search(SearchKey.newBuilder().setAnyOf(SearchKeyList.newBuilder()
                .addKeys(flag("\\Seen", true)).addKeys(flag("\\Flagged", true))).build())).containsExactly(1, 3);
        assertThat(search(SearchKey.newBuilder().setAllOf(SearchKeyList.newBuilder()
                .addKeys(SearchKey.newBuilder().setUids(uids(1, 2))).addKeys(flag("\\Seen", false))).build()))
                .containsExactly(2);
    }

    @Test
    void modseqAtLeast() {
        var stored = blocking.storeFlags(StoreFlagsRequest.newBuilder().setMailbox(inbox(account)).setUids(uids(2, 2))
                .setMode(StoreFlagsRequest.Mode.ADD).addFlags("\\Answered").build());

        SearchResponse response = blocking.searchMessages(SearchRequest.newBuilder().setMailbox(inbox(account))
                .setKey(SearchKey.newBuilder().setModseqAtLeast(stored.getHighestModseq())).build());

        assertThat(response.getUids().getRangesList()).containsExactly(UidRange.newBuilder().setFirst(2).setLast(2).build());
        assertThat(response.getHighestModseq()).isEqualTo(stored.getHighestModseq());
    }

    /**
     * The search text is stored once per blob (ADR 11): every copy, delivered or COPYed, finds it through
     * its blob, and it goes with the blob when the collector takes it.
     */
    @Test
    void everyCopyOfOneContentIsFoundThroughItsOneSearchRow() throws Exception {
        StorageTestClient client = new StorageTestClient(delivery, messages, pool);
        long[] recipients = {newAccountId(), newAccountId(), newAccountId()};
        byte[] raw = SampleMessages.crlf("From: Quentin <quentin@example.net>\nSubject: Per blob\n"
                + "Message-ID: <once-per-blob." + System.nanoTime() + "@example.net>\n\nA quokka and a narwhal.\n");
        Buffer sha = Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(raw));
        client.deliver(raw, recipients);
        blocking.copyMessages(CopyMessagesRequest.newBuilder().setSource(inbox(recipients[0])).setUids(all())
                .setTarget(mailbox(recipients[0], "Archive")).build());

        List<MailboxRef> copies = new ArrayList<>();
        for (long recipient : recipients) {
            copies.add(inbox(recipient));
        }
        copies.add(mailbox(recipients[0], "Archive"));
        for (MailboxRef copy : copies) {
            assertThat(search(copy, SearchKey.newBuilder().setBody("NARWHAL").build())).containsExactly(1);
            assertThat(search(copy, header("Message-ID", "once-per-blob."))).containsExactly(1);
            assertThat(search(copy, header("from", "quentin@example.net"))).containsExactly(1);
            assertThat(search(copy, SearchKey.newBuilder().setText("per blob").build())).containsExactly(1);
            assertThat(search(copy, SearchKey.newBuilder().setBody("per blob").build())).isEmpty();
        }
        assertThat(client.count("SELECT count(*) FROM storage.blob_search WHERE sha256 = $1", sha)).isEqualTo(1);

        for (MailboxRef copy : copies) {
            blocking.expunge(ExpungeRequest.newBuilder().setMailbox(copy).setUids(all()).setIgnoreDeletedFlag(true).build());
        }
        collector.collect(Duration.ZERO).await().atMost(Duration.ofSeconds(30));
        assertThat(client.count("SELECT count(*) FROM storage.blobs WHERE sha256 = $1", sha)).isZero();
        assertThat(client.count("SELECT count(*) FROM storage.blob_search WHERE sha256 = $1", sha)).isZero();
    }

    /** Deliveries of one new content racing each other write its search row once, and none fails. */
    @Test
    void racingDeliveriesOfNewContentWriteOneSearchRow() throws Exception {
        StorageTestClient client = new StorageTestClient(delivery, messages, pool);
        byte[] raw = SampleMessages.plain("race", "a pangolin at " + System.nanoTime());
        Buffer sha = Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(raw));
        long[] recipients = new long[6];
        for (int i = 0; i < recipients.length; i++) {
            recipients[i] = newAccountId();
        }
        ExecutorService threads = Executors.newFixedThreadPool(recipients.length);
        try {
            List<Future<?>> deliveries = new ArrayList<>();
            for (long recipient : recipients) {
                deliveries.add(threads.submit(() -> client.deliver(raw, recipient)));
            }
            for (Future<?> d : deliveries) {
                d.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(client.count("SELECT count(*) FROM storage.blob_search WHERE sha256 = $1", sha)).isEqualTo(1);
        for (long recipient : recipients) {
            assertThat(search(inbox(recipient), SearchKey.newBuilder().setBody("pangolin").build())).containsExactly(1);
        }
    }

    /**
     * Content stored before the body text existed (migration 010) has only its words: it is still found
     * by whole words, and the next delivery of the same content gives it the substring text.
     */
    @Test
    void contentFromBeforeTheBodyTextIsFoundByWordsUntilDeliveredAgain() throws Exception {
        StorageTestClient client = new StorageTestClient(delivery, messages, pool);
        long old = newAccountId();
        long later = newAccountId();
        byte[] raw = SampleMessages.plain("legacy", "an ocelot walked by " + System.nanoTime());
        Buffer sha = Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(raw));
        client.deliver(raw, old);
        client.query("UPDATE storage.blob_search SET search_body = NULL, "
                + "search_text = to_tsvector('simple', 'an ocelot walked by') WHERE sha256 = $1", sha);

        assertThat(search(inbox(old), SearchKey.newBuilder().setBody("Ocelot").build())).containsExactly(1);
        assertThat(search(inbox(old), SearchKey.newBuilder().setBody("celo").build())).isEmpty();
        assertThat(search(inbox(old), SearchKey.newBuilder().setText("walked").build())).containsExactly(1);
        assertThat(search(inbox(old), header("Subject", "legacy"))).containsExactly(1);

        client.deliver(raw, later);
        for (long account : new long[] {old, later}) {
            assertThat(search(inbox(account), SearchKey.newBuilder().setBody("celo").build())).containsExactly(1);
        }
        assertThat(client.count("SELECT count(*) FROM storage.blob_search WHERE sha256 = $1 AND search_text IS NULL", sha))
                .isEqualTo(1);
    }

    /**
     * A text key as a semi-join the planner may start from, or looked up per message (SearchSql): the
     * same messages either way, under NOT and OR too; and the probe counts what the index finds.
     */
    @Test
    void bothFormsOfATextKeyFindTheSameMessages() {
        long mailboxId = pool.preparedQuery("SELECT mailbox_id FROM storage.mailboxes WHERE account_id = $1 AND name = 'INBOX'")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(account)).await().atMost(Duration.ofSeconds(30))
                .iterator().next().getLong(0);
        SearchKey lunch = SearchKey.newBuilder().setBody("lunch").build();
        SearchKey nowhere = SearchKey.newBuilder().setText("no message says this").build();
        List<SearchKey> keys = List.of(lunch, nowhere,
                SearchKey.newBuilder().setText("FRIDAY").build(),
                SearchKey.newBuilder().setBody("").build(),
                header("Subject", "lunch"),
                SearchKey.newBuilder().setNot(lunch).build(),
                SearchKey.newBuilder().setAnyOf(io.mailserver.contracts.storage.v1.SearchKeyList.newBuilder()
                        .addKeys(nowhere).addKeys(flag("\\Flagged", true))).build(),
                SearchKey.newBuilder().setAllOf(io.mailserver.contracts.storage.v1.SearchKeyList.newBuilder()
                        .addKeys(SearchKey.newBuilder().setNot(nowhere)).addKeys(header("From", "zed"))).build());
        for (SearchKey key : keys) {
            SearchSql.Compiled fromIndex = SearchSql.compile(key);
            SearchSql.Compiled perMessage = SearchSql.compile(key, java.util.Set.of());
            assertThat(found(mailboxId, perMessage)).as("%s", key).isEqualTo(found(mailboxId, fromIndex));
        }
        assertThat(found(mailboxId, SearchSql.compile(lunch, java.util.Set.of()))).containsExactly(1L);
        assertThat(SearchSql.compile(lunch).condition()).startsWith("EXISTS");
        assertThat(SearchSql.compile(lunch, java.util.Set.of()).condition()).startsWith("coalesce(");

        SearchSql.Compiled probe = SearchSql.probe(nowhere);
        List<Object> values = new ArrayList<>(List.of(10L));
        values.addAll(probe.parameters());
        assertThat(pool.preparedQuery(probe.condition()).execute(io.vertx.mutiny.sqlclient.Tuple.from(values))
                .await().atMost(Duration.ofSeconds(30)).iterator().next().getLong(0)).isZero();
    }

    /**
     * A Message-ID searched as one whole token is looked up among the tokens of the message's
     * Message-ID lines (MessageIdTokens, migration 023) instead of matched in the lines: the same
     * messages in both forms of the key and for a row without tokens (written by a storage-service
     * from before the change); and the migration's SQL gives the tokens MessageIdTokens gives.
     */
    @Test
    void aWholeMessageIdIsLookedUpAmongTheTokensOfItsLines() throws Exception {
        StorageTestClient client = new StorageTestClient(delivery, messages, pool);
        String unique = Long.toString(System.nanoTime());
        byte[] raw = SampleMessages.crlf("From: a@example.com\nMessage-ID: <Tok." + unique + "@Example.COM>\n"
                + "Message-ID: junk <<second." + unique + "@x> <third." + unique + "@y>\nSubject: tokens\n\nBody.\n");
        append(raw, "2026-06-01T10:00:00Z");
        Buffer sha = Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(raw));
        long mailboxId = client.count("SELECT mailbox_id FROM storage.mailboxes WHERE account_id = $1 AND name = 'INBOX'", account);
        List<SearchKey> whole = List.of(header("Message-ID", "<tok." + unique + "@example.com>"),
                header("message-id", "<TOK." + unique + "@EXAMPLE.COM>"),
                header("Message-ID", "<second." + unique + "@x>"),
                header("Message-Id", "<third." + unique + "@y>"));
        for (SearchKey key : whole) {
            assertThat(SearchSql.compile(key).condition()).contains("message_ids");
            assertThat(search(key)).as("%s", key).containsExactly(4);
            assertThat(found(mailboxId, SearchSql.compile(key))).containsExactly(4L);
            assertThat(found(mailboxId, SearchSql.compile(key, java.util.Set.of()))).containsExactly(4L);
        }
        assertThat(search(header("Message-ID", "<tok." + unique + ">"))).isEmpty();
        assertThat(search(header("Message-ID", "<junk>"))).isEmpty();
        assertThat(search(header("Message-ID", "tok." + unique))).containsExactly(4);
        assertThat(search(header("Message-ID", "<Tok." + unique))).containsExactly(4);

        client.query("UPDATE storage.blob_search SET message_ids = NULL WHERE sha256 = $1", sha);
        for (SearchKey key : whole) {
            assertThat(search(key)).as("without tokens: %s", key).containsExactly(4);
            assertThat(found(mailboxId, SearchSql.compile(key))).containsExactly(4L);
        }

        // the expression of changeset 023-message-ids
        client.query("UPDATE storage.blob_search s SET message_ids = ARRAY("
                + "SELECT DISTINCT translate(t[1], 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') "
                + "FROM regexp_split_to_table(s.search_headers, E'\\n') AS line, "
                + "regexp_matches(substr(line, 12), '<[^<>]*>', 'g') AS t "
                + "WHERE translate(substr(line, 1, 11), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') "
                + "= 'message-id:') WHERE sha256 = $1", sha);
        String headers = client.query("SELECT search_headers FROM storage.blob_search WHERE sha256 = $1", sha).get(0).getString(0);
        String[] tokens = io.mailserver.storage.mime.MessageIdTokens.of(headers).toArray(String[]::new);
        assertThat(tokens).hasSize(3);
        assertThat(client.count("SELECT count(*) FROM storage.blob_search WHERE sha256 = $1 "
                + "AND message_ids @> $2 AND message_ids <@ $2", sha, tokens)).isEqualTo(1);
    }

    private List<Long> found(long mailboxId, SearchSql.Compiled compiled) {
        return repository.search(pool, account, mailboxId, compiled.condition(), compiled.parameters())
                .await().atMost(Duration.ofSeconds(30)).stream().map(row -> row[0]).toList();
    }
}
