package io.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.localstack.MailService;
import io.mailserver.localstack.process.ServiceProcess;
import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.client.PrometheusMetrics;
import io.mailserver.testkit.client.TlsTrust;
import io.mailserver.testkit.quarkus.SharedSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packaged auth-, storage- and imap-service, with the heaps {@code mailctl up} gives them, under
 * floods from many connections: slow readers of a 20 MiB message, announced literals that never
 * come, and wrong passwords by the hundred. Every service stays up and ready, holds far less than the
 * flood would cost if it were buffered, and answers normally afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemoryUnderFloodIT {

    private static final int LARGE = 20 * 1024 * 1024;
    private static final double MIB = 1024 * 1024;

    private final LocalMailSystem system = SharedSystem.get();
    private ServiceProcess auth;
    private ServiceProcess storage;
    private ServiceProcess imap;
    private MailFixture fixture;
    private String user;
    private SSLContext trust;

    @BeforeAll
    void start() {
        system.startInfrastructure();
        auth = system.startService(MailService.AUTH);
        storage = system.startService(MailService.STORAGE);
        imap = system.startService(MailService.IMAP, Map.of("mail.imap.limits.connections-per-address", "1000",
                "mail.imap.limits.connections-per-account", "1000"));
        fixture = new MailFixture();
        user = fixture.newUser();
        trust = TlsTrust.trusting(system.certificate().certificate());
    }

    @AfterAll
    void stop() {
        fixture.close();
        system.stopService(MailService.IMAP);
    }

    private LineClient login() {
        return login(user);
    }

    private LineClient login(String address) {
        LineClient c = LineClient.connectTls("127.0.0.1", system.settings().ports().imaps(), trust);
        c.expect("* OK");
        List<String> reply = c.send("a LOGIN \"" + address + "\" \"" + MailFixture.PASSWORD + "\"").readUntil("a ");
        assertThat(reply.get(reply.size() - 1)).startsWith("a OK");
        return c;
    }

    /**
     * 40 clients (five accounts, eight connections each) ask for a 20 MiB body and do not read it:
     * 800 MiB if anything buffered it. storage streams at most its cap of bodies at once, the rest
     * wait, one account's ninth waits for its own share, and storage's heap (512 MiB) and imap's
     * (256 MiB) hold; abandoned streams are cancelled. A reader that does read gets every byte.
     */
    @Test
    void slowReadersOfALargeMessageCostAStreamEachNotTheMessage() throws Exception {
        StringBuilder body = new StringBuilder(LARGE);
        int line = 0;
        while (body.length() < LARGE) {
            body.append("line ").append(line++).append(" of a message too large to hold forty times\r\n");
        }
        byte[] raw = MailFixture.textMessage("large", body.toString()).getBytes(StandardCharsets.US_ASCII);
        List<String> readers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String reader = i == 0 ? user : fixture.newUser();
            fixture.deliver(reader, "", raw);
            readers.add(reader);
        }

        HeapWatch storageHeap = new HeapWatch(storage);
        HeapWatch imapHeap = new HeapWatch(imap);
        List<LineClient> stalled = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> opened = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String reader = readers.get(i % readers.size());
                opened.add(pool.submit(() -> {
                    LineClient c = login(reader);
                    c.send("s SELECT INBOX").readUntil("s OK");
                    c.send("f FETCH 1 BODY.PEEK[]");
                    stalled.add(c);
                    return null;
                }));
            }
            for (Future<?> f : opened) {
                f.get(120, TimeUnit.SECONDS);
            }
            // Every body stream storage allows is taken; the rest of the clients wait their turn.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                storageHeap.sample();
                imapHeap.sample();
                return PrometheusMetrics.sum(storage.httpPort(), "mail_storage_fetch_streams_active") == 32
                        && PrometheusMetrics.sum(storage.httpPort(), "mail_storage_fetch_streams_waiting") == 8;
            });
            for (int i = 0; i < 20; i++) {
                storageHeap.sample();
                imapHeap.sample();
            }
            // An account that already has its share of streams waits for one of its own to end (other
            // accounts' ends do not serve it); a waiter that goes away leaves the line.
            try (LineClient ninth = login(readers.get(0))) {
                ninth.send("s SELECT INBOX").readUntil("s OK");
                ninth.send("f FETCH 1 BODY.PEEK[]");
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                        PrometheusMetrics.sum(storage.httpPort(), "mail_storage_fetch_streams_waiting") == 9);
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                    PrometheusMetrics.sum(storage.httpPort(), "mail_storage_fetch_streams_waiting") == 8);
        } finally {
            stalled.forEach(LineClient::close);
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> PrometheusMetrics.sum(storage.httpPort(), "mail_storage_fetch_streams_active") == 0);

        try (LineClient reader = login()) {
            reader.send("s SELECT INBOX").readUntil("s OK");
            reader.send("f FETCH 1 BODY.PEEK[]");
            String header = reader.readLine();
            assertThat(header).endsWith("{" + raw.length + "}");
            assertThat(reader.readBytes(raw.length)).isEqualTo(raw);
            reader.readUntil("f OK");
        }
        assertThat(storageHeap.peak()).as("storage heap peak, MiB").isLessThan(460 * MIB);
        assertThat(imapHeap.peak()).as("imap heap peak, MiB").isLessThan(230 * MIB);
        assertUp();
        System.out.printf("flood of slow readers: storage heap peak %.0f MiB, imap heap peak %.0f MiB%n",
                storageHeap.peak() / MIB, imapHeap.peak() / MIB);
    }

    /**
     * 200 logged-in clients each announce a 1 MiB literal (LITERAL+, no continuation to wait for) and
     * send two bytes of it: 200 MiB if the announced sizes were allocated, against imap's 256 MiB.
     */
    @Test
    void announcedLiteralsCostWhatArrivesNotWhatIsAnnounced() throws Exception {
        HeapWatch imapHeap = new HeapWatch(imap);
        List<LineClient> clients = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> opened = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                opened.add(pool.submit(() -> {
                    LineClient c = login();
                    c.sendRaw("l SEARCH TEXT {1048576+}\r\nab");
                    clients.add(c);
                    return null;
                }));
            }
            for (Future<?> f : opened) {
                f.get(180, TimeUnit.SECONDS);
            }
            for (int i = 0; i < 20; i++) {
                imapHeap.sample();
            }
        } finally {
            clients.forEach(LineClient::close);
            pool.shutdownNow();
        }
        assertThat(clients).hasSize(200);
        assertThat(imapHeap.peak()).as("imap heap peak, MiB").isLessThan(230 * MIB);
        assertUp();
        System.out.printf("flood of announced literals: imap heap peak %.0f MiB%n", imapHeap.peak() / MIB);
    }

    /**
     * 40 logged-in clients each start an APPEND of 50 MiB (LITERAL+) and send 1 MiB of it: 2 GB if
     * the announced sizes were allocated anywhere, 40 MiB if only what arrived is held. imap streams
     * each message on to storage as it arrives; storage holds what came. The clients leave, nothing
     * is stored, and an APPEND works afterwards.
     */
    @Test
    void announcedAppendsCostWhatArrivesNotWhatIsAnnounced() throws Exception {
        String appender = fixture.newUser();
        HeapWatch storageHeap = new HeapWatch(storage);
        HeapWatch imapHeap = new HeapWatch(imap);
        byte[] start = ("Subject: never finished\r\n\r\n" + "x".repeat(1024 * 1024)).getBytes(StandardCharsets.US_ASCII);
        List<LineClient> clients = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> opened = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                opened.add(pool.submit(() -> {
                    LineClient c = login(appender);
                    c.sendRaw("p APPEND INBOX {52428800+}\r\n");
                    c.sendBytes(start);
                    clients.add(c);
                    storageHeap.sample();
                    imapHeap.sample();
                    return null;
                }));
            }
            for (Future<?> f : opened) {
                f.get(180, TimeUnit.SECONDS);
            }
            for (int i = 0; i < 20; i++) {
                storageHeap.sample();
                imapHeap.sample();
            }
        } finally {
            clients.forEach(LineClient::close);
            pool.shutdownNow();
        }
        assertThat(clients).hasSize(40);
        try (LineClient c = login(appender)) {
            c.send("s STATUS INBOX (MESSAGES)");
            assertThat(c.readLine()).isEqualTo("* STATUS INBOX (MESSAGES 0)");
            c.readUntil("s OK");
            c.send("p APPEND INBOX {21+}");
            c.sendRaw("Subject: finished\r\n\r\n\r\n");
            assertThat(c.readUntil("p ").get(0)).startsWith("p OK [APPENDUID ");
        }
        assertThat(storageHeap.peak()).as("storage heap peak, MiB").isLessThan(460 * MIB);
        assertThat(imapHeap.peak()).as("imap heap peak, MiB").isLessThan(230 * MIB);
        assertUp();
        System.out.printf("flood of announced appends: storage heap peak %.0f MiB, imap heap peak %.0f MiB%n",
                storageHeap.peak() / MIB, imapHeap.peak() / MIB);
    }

    /**
     * 300 wrong passwords at once: imap-service's login admission lets them in a few at a time (each
     * waits 3 s at most), and auth, which hashes two at a time and lets 64 wait, tells whatever goes
     * beyond to come back later (NO [UNAVAILABLE]; unit-tested in auth's LoginServiceTest) instead of
     * queueing. Every one is answered NO, none hangs, and a right password works right after.
     */
    @Test
    void aFloodOfLoginsIsAdmittedOrShedNotQueued() throws Exception {
        HeapWatch authHeap = new HeapWatch(auth);
        ExecutorService pool = Executors.newFixedThreadPool(100);
        List<Future<String>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    try (LineClient c = LineClient.connectTls("127.0.0.1", system.settings().ports().imaps(), trust)) {
                        c.expect("* OK");
                        c.send("a LOGIN \"" + user + "\" \"wrong-" + n + "\"");
                        authHeap.sample();
                        return c.readUntil("a ").get(0);
                    }
                }));
            }
            List<String> replies = new ArrayList<>();
            for (Future<String> answer : answers) {
                replies.add(answer.get(180, TimeUnit.SECONDS));
            }
            assertThat(replies).allMatch(r -> r.startsWith("a NO [AUTHENTICATIONFAILED]")
                    || r.startsWith("a NO [UNAVAILABLE]"));
            assertThat(replies).anyMatch(r -> r.startsWith("a NO [AUTHENTICATIONFAILED]"));
            assertThat(PrometheusMetrics.sum(imap.httpPort(), "imap_logins_delayed_total"))
                    .as("logins that waited for admission").isPositive();
        } finally {
            pool.shutdownNow();
        }
        try (LineClient c = login()) {
            c.send("n SELECT INBOX").readUntil("n OK");
        }
        // Not bounded by an assertion: every hash allocates its 19 MiB afresh, so auth's heap use is mostly
        // garbage waiting for the young collector; what matters is that it neither died nor queued.
        assertUp();
        System.out.printf("flood of logins: auth heap peak %.0f MiB%n", authHeap.peak() / MIB);
    }

    private void assertUp() throws Exception {
        for (ServiceProcess service : List.of(auth, storage, imap)) {
            assertThat(service.process().isAlive()).as(service.service().module() + " alive").isTrue();
            assertThat(service.ready()).as(service.service().module() + " ready").isTrue();
            assertThat(Files.readString(service.process().logFile())).doesNotContain("OutOfMemoryError");
        }
    }

    /** The largest heap use seen in a service's metrics. */
    private static final class HeapWatch {
        private final ServiceProcess service;
        private final AtomicLong peak = new AtomicLong();

        HeapWatch(ServiceProcess service) {
            this.service = service;
        }

        void sample() {
            long used = (long) PrometheusMetrics.sum(service.httpPort(), "jvm_memory_used_bytes", "area=\"heap\"");
            peak.accumulateAndGet(used, Math::max);
        }

        double peak() {
            return peak.get();
        }
    }
}
