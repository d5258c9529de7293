package io.mailserver.protocol.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.protocol.io.InputBuffer;
import io.mailserver.protocol.io.LineRead;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver on real loopback sockets, with a toy line protocol: each line is a command answered by
 * "OK line"; "SLOW n" answers after n ms; "HANG" never answers.
 */
class ConnectionDriverTest {

    private static final int LINE_LIMIT = 1024;

    private Vertx vertx;
    private NetServer server;
    private final AtomicReference<EchoProtocol> connection = new AtomicReference<>();
    private volatile long idleMillis = 10_000;

    @BeforeEach
    void listen() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createNetServer().connectHandler(socket -> {
            EchoProtocol protocol = new EchoProtocol(socket, Vertx.currentContext());
            connection.set(protocol);
            protocol.driver.start();
            protocol.driver.write(Buffer.buffer("HELLO\r\n"));
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void pipelinedCommandsRunOneAtATimeInOrder() throws Exception {
        try (Socket client = connect()) {
            readLine(client);
            client.getOutputStream().write("SLOW 200\r\nA\r\nSLOW 50\r\nB\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(client)).isEqualTo("OK SLOW 200");
            assertThat(readLine(client)).isEqualTo("OK A");
            assertThat(readLine(client)).isEqualTo("OK SLOW 50");
            assertThat(readLine(client)).isEqualTo("OK B");
            assertThat(connection.get().mostRunning.get()).isEqualTo(1);
        }
    }

    @Test
    void smallWritesHeldBackStayInOrderWithLargeOnesWrittenAtOnce() throws Exception {
        try (Socket client = connect()) {
            readLine(client);
            client.getOutputStream().write("MIXED\r\nA\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(client)).isEqualTo("small 1");
            assertThat(readLine(client)).isEqualTo("x".repeat(ConnectionDriver.COALESCE_BYTES));
            assertThat(readLine(client)).isEqualTo("small 2");
            assertThat(readLine(client)).isEqualTo("small 3");
            assertThat(readLine(client)).isEqualTo("OK MIXED");
            assertThat(readLine(client)).isEqualTo("OK A");
        }
    }

    @Test
    void aClientPipeliningWithoutEndIsHeldBackByTcpNotMemory() throws Exception {
        try (Socket client = connect()) {
            readLine(client);
            OutputStream out = client.getOutputStream();
            out.write("HANG\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] line = "X".repeat(100).concat("\r\n").getBytes(StandardCharsets.US_ASCII);
            // the kernel's buffers take some; the writer blocks long before 64 MiB are taken
            AtomicLong sent = new AtomicLong();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 640_000; i++) {
                        out.write(line);
                        sent.addAndGet(line.length);
                    }
                } catch (IOException closed) {
                    // the test ends by closing the socket
                }
            });
            writer.setDaemon(true);
            writer.start();
            // blocked: nothing more goes out over a whole second of polling
            long[] last = {-1};
            awaitTrue(Duration.ofSeconds(20), () -> {
                long now = sent.get();
                boolean still = now == last[0];
                last[0] = now;
                return still;
            }, Duration.ofSeconds(1));
            assertThat(writer.isAlive()).as("the writer is blocked by TCP").isTrue();
            // at most the limit, plus one read's worth that arrived before the pause took effect
            assertThat(connection.get().mostBuffered.get()).isLessThan(LINE_LIMIT + 128 * 1024);
        }
    }

    @Test
    void aSilentClientGetsTheGoodbyeAndIsClosed() throws Exception {
        idleMillis = 300;
        try (Socket client = connect()) {
            readLine(client);
            long start = System.nanoTime();
            assertThat(readLine(client)).isEqualTo("BYE idle");
            assertThat(client.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250),
                    Duration.ofSeconds(5));
        }
    }

    @Test
    void aCommandTheServerIsStillRunningIsNotSilence() throws Exception {
        idleMillis = 300;
        try (Socket client = connect()) {
            readLine(client);
            client.getOutputStream().write("SLOW 900\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(client)).isEqualTo("OK SLOW 900");
            assertThat(readLine(client)).isEqualTo("BYE idle");
        }
    }

    @Test
    void aClientThatStopsReadingIsSilentEvenWhileItsCommandRuns() throws Exception {
        idleMillis = 300;
        try (Socket client = connect()) {
            client.setReceiveBufferSize(4096);
            readLine(client);
            client.getOutputStream().write("FLOOD\r\n".getBytes(StandardCharsets.US_ASCII));
            // never read again: the server's output backs up, the idle timer runs, the goodbye cannot
            // be written either, and the connection is closed anyway after the close grace
            awaitTrue(Duration.ofSeconds(10), () -> connection.get().closedCalls.get() > 0, Duration.ofMillis(20));
            assertThat(connection.get().closedCalls.get()).isEqualTo(1);
            assertThat(connection.get().flooded.get()).as("octets written before the client stalled")
                    .isPositive();
        }
    }

    @Test
    void anEndedSessionIsToldAfterItsRunningCommand() throws Exception {
        try (Socket client = connect()) {
            readLine(client);
            client.getOutputStream().write("SLOW 300\r\nA\r\n".getBytes(StandardCharsets.US_ASCII));
            // ended while SLOW 300 runs
            awaitTrue(Duration.ofSeconds(5), () -> connection.get().running.get() == 1, Duration.ofMillis(5));
            connection.get().driver.end(() -> connection.get().driver.write(Buffer.buffer("BYE ended\r\n")));
            assertThat(readLine(client)).isEqualTo("OK SLOW 300");
            assertThat(readLine(client)).isEqualTo("BYE ended");
            assertThat(client.getInputStream().read()).isEqualTo(-1);
            awaitClosed();
            assertThat(connection.get().ran).containsExactly("SLOW 300");
        }
    }

    @Test
    void closingRunsTheCleanupOnceWhicheverSideCloses() throws Exception {
        Socket client = connect();
        readLine(client);
        AtomicInteger actions = new AtomicInteger();
        CompletableFuture<Void> registered = new CompletableFuture<>();
        connection.get().driver.executor().execute(() -> {
            connection.get().driver.onClose(actions::incrementAndGet);
            registered.complete(null);
        });
        registered.get(5, TimeUnit.SECONDS);
        client.close();
        awaitClosed();
        assertThat(actions.get()).isEqualTo(1);
    }

    private void awaitClosed() throws InterruptedException {
        awaitTrue(Duration.ofSeconds(5), () -> connection.get().closedCalls.get() > 0, Duration.ofMillis(10));
        assertThat(connection.get().closedCalls.get()).isEqualTo(1);
    }

    /** Polls {@code condition} every {@code every} until it holds; fails after {@code limit}. */
    private static void awaitTrue(Duration limit, java.util.function.BooleanSupplier condition, Duration every)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within %s", limit).isLessThan(deadline);
            TimeUnit.NANOSECONDS.sleep(every.toNanos());
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.actualPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String readLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (b != '\r') {
                    line.write(b);
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no line within the timeout; got so far: " + line, e);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private final class EchoProtocol implements ConnectionDriver.Protocol {

        final ConnectionDriver driver;
        final InputBuffer input = new InputBuffer();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostRunning = new AtomicInteger();
        final AtomicLong mostBuffered = new AtomicLong();
        final AtomicInteger closedCalls = new AtomicInteger();
        final ConcurrentLinkedQueue<String> ran = new ConcurrentLinkedQueue<>();
        final AtomicLong flooded = new AtomicLong();

        EchoProtocol(NetSocket socket, Context context) {
            this.driver = new ConnectionDriver(socket, context, this);
        }

        @Override
        public void received(Buffer octets) {
            input.append(octets);
            mostBuffered.accumulateAndGet(input.readable(), Math::max);
        }

        @Override
        public boolean step() {
            LineRead read = input.readLine(LINE_LIMIT);
            if (!(read instanceof LineRead.Line line)) {
                return false;
            }
            String command = line.content().toString(StandardCharsets.US_ASCII).strip();
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            driver.run(() -> execute(command), reply -> {
                running.decrementAndGet();
                ran.add(command);
                driver.write(Buffer.buffer(reply + "\r\n"));
            }, failure -> running.decrementAndGet());
            return true;
        }

        private Uni<String> execute(String command) {
            if (command.equals("FLOOD")) {
                // writes while the socket takes it, for ever
                return Uni.createFrom().emitter(emitter -> flood());
            }
            if (command.equals("MIXED")) {
                // small, large, small writes of one turn: the large one must not overtake the first
                driver.write(Buffer.buffer("small 1\r\n"));
                driver.write(Buffer.buffer("x".repeat(ConnectionDriver.COALESCE_BYTES) + "\r\n"));
                driver.write(Buffer.buffer("small 2\r\n"));
                driver.write(Buffer.buffer("small 3\r\n"));
                return Uni.createFrom().item("OK " + command);
            }
            if (command.equals("HANG")) {
                return Uni.createFrom().emitter(emitter -> {
                });
            }
            if (command.startsWith("SLOW ")) {
                long delay = Long.parseLong(command.substring(5));
                return Uni.createFrom().item("OK " + command).onItem().delayIt().by(Duration.ofMillis(delay));
            }
            return Uni.createFrom().item("OK " + command);
        }

        private void flood() {
            Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
            while (!driver.closed() && !driver.writeQueueFull()) {
                driver.write(chunk);
                flooded.addAndGet(chunk.length());
            }
            driver.whenWritable(this::flood);
        }

        @Override
        public boolean wantsInput() {
            return input.readable() <= LINE_LIMIT;
        }

        @Override
        public int discardInput() {
            return input.discard();
        }

        @Override
        public long idleTimeoutMillis() {
            return idleMillis;
        }

        @Override
        public void idleTimedOut() {
            driver.write(Buffer.buffer("BYE idle\r\n"));
        }

        @Override
        public void connectionClosed() {
            closedCalls.incrementAndGet();
        }
    }
}
