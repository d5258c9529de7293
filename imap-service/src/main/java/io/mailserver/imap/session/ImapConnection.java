package io.mailserver.imap.session;

import io.mailserver.imap.codec.CommandParser;
import io.mailserver.imap.codec.CommandRest;
import io.mailserver.imap.codec.Decoded;
import io.mailserver.imap.codec.ImapDecoder;
import io.mailserver.imap.codec.MessageLiteral;
import io.mailserver.imap.command.ImapCommand;
import io.mailserver.imap.reply.ContinuationRequest;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.reply.ResponseEncoder;
import io.mailserver.imap.reply.Status;
import io.mailserver.imap.reply.StatusResponse;
import io.mailserver.protocol.io.InputBuffer;
import io.mailserver.protocol.io.LineRead;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * Drives one client connection on its Vert.x context: feeds socket input to the
 * {@link ImapDecoder}, runs commands strictly one at a time through the {@link CommandExecutor},
 * and owns what belongs to the connection rather than to a command: the greeting, literal
 * continuations, BAD answers for malformed input, STARTTLS, limits, the idle timer and cleanup.
 *
 * <p>Input arriving while a command runs stays in the {@link InputBuffer}; the socket is paused
 * once more than one line limit is waiting, so a client pipelining without end is held back by
 * TCP rather than by memory. A message literal (APPEND) is the exception: the running command reads
 * it through {@link #readLiteral} as it arrives, and whatever of the command it leaves unread is
 * skipped before the next command is decoded.
 */
public final class ImapConnection implements ClientChannel {

    private static final Logger LOG = Logger.getLogger(ImapConnection.class);
    /** How long a command may still run after its session was told to end. */
    private static final long END_GRACE_MILLIS = 5000;

    private final NetSocket socket;
    private final Context context;
    private final Executor executor;
    private final ConnectionSettings settings;
    private final String remoteAddress;
    private final InputBuffer input = new InputBuffer();
    private final ImapDecoder decoder;
    private final ImapSession session;
    private final List<Runnable> closeActions = new ArrayList<>();

    private boolean busy;
    private boolean upgrading;
    private boolean paused;
    private boolean closed;
    private boolean cleanedUp;
    private boolean slotTaken;
    private boolean tls;
    private UniEmitter<? super Buffer> lineReader;
    private int consecutiveBad;
    private long commandCount;
    private long lastActivity;
    private long timerId = -1;
    /** Deregisters the session from the instance's sessions of its account; set once authenticated. */
    private Runnable deregister;
    /** Why the session must end once the running command is done (its account was disabled or removed). */
    private String ending;

    /** Octets inflated per step of a compressed connection's input. */
    private static final int INFLATE_STEP = 16 * 1024;
    /** RFC 4978 COMPRESS=DEFLATE once active, else null. */
    private DeflateCompression compression;
    /** Whether the inflate loop is running (it is not re-entered from within). */
    private boolean inflating;

    /** The running command's message literal not yet read to its end, or null. */
    private MessageLiteral literal;
    /** Whether a handler started reading {@link #literal} (a synchronising one got its continuation). */
    private boolean literalClaimed;
    /** Octets of {@link #literal} still to come. */
    private long literalRemaining;
    private LiteralSink literalSink;
    private boolean literalSuspended;

    public ImapConnection(NetSocket socket, Context context, ConnectionSettings settings) {
        this.socket = socket;
        this.context = context;
        this.executor = task -> context.runOnContext(v -> task.run());
        this.settings = settings;
        this.remoteAddress = socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress();
        this.tls = socket.isSsl();
        this.decoder = new ImapDecoder(settings.limits().lineLengthBeforeAuth(),
                settings.limits().literalSizeBeforeAuth());
        this.session = new ImapSession(this);
    }

    /** Greets the client (or turns it away) and starts reading. Call on the connection's context. */
    public void start() {
        settings.metrics().connectionOpened(tls);
        socket.closeHandler(v -> {
            closed = true;
            cleanUp();
        });
        socket.exceptionHandler(e -> {
            LOG.debugf("connection from %s failed: %s", remoteAddress, e.getMessage());
            close();
        });
        if (!settings.connectionsPerAddress().tryAcquire(remoteAddress)) {
            send(StatusResponse.untagged(Status.BYE, ResponseCode.LIMIT, "Too many connections from your address"));
            close();
            return;
        }
        slotTaken = true;
        socket.handler(this::received);
        send(StatusResponse.untagged(Status.OK, ResponseCode.capability(settings.capabilities().of(session)),
                settings.hostname() + " IMAP ready"));
        lastActivity = System.nanoTime();
        armIdleTimer(idleTimeoutMillis());
    }

    private void received(Buffer chunk) {
        if (closed) {
            return;
        }
        lastActivity = System.nanoTime();
        if (compression != null) {
            compression.received(chunk);
            inflate();
            return;
        }
        input.append(chunk);
        process();
    }

    /**
     * COMPRESS=DEFLATE: moves inflated octets into the input while it has room, and stops reading
     * from the socket while inflated octets would have none, so memory stays bounded by the line
     * limit whatever the compression ratio.
     */
    private void inflate() {
        if (inflating) {
            return;
        }
        inflating = true;
        try {
            while (!closed && compression.pending() && roomToInflate() && !literalSuspended) {
                Buffer plain = compression.inflate(INFLATE_STEP);
                if (plain.length() == 0) {
                    break;
                }
                input.append(plain);
                process();
            }
        } catch (java.util.zip.DataFormatException e) {
            LOG.debugf("compressed input from %s not understood: %s", remoteAddress, e.getMessage());
            close();
            return;
        } finally {
            inflating = false;
        }
        if (closed) {
            return;
        }
        if (compression.pending()) {
            if (!paused) {
                paused = true;
                socket.pause();
            }
        } else if (paused && !literalSuspended && roomToInflate()) {
            // everything queued is inflated and there is room: read from the socket again
            paused = false;
            socket.resume();
        }
    }

    /**
     * Whether inflated octets may go into the input: up to the line limit and the one octet the
     * input keeps of a line it discards (a CR whose LF may follow), so an over-long line streams
     * through the discarding decoder instead of stalling.
     */
    private boolean roomToInflate() {
        return input.readable() <= decoder.lineLimit() + 1;
    }

    /** Reading may go on: inflate what waits first, then take more from the socket. */
    private void resumeReading() {
        if (compression != null && compression.pending()) {
            if (!inflating) {
                // not from within the inflate loop (it goes on by itself): a fresh turn, no deep recursion
                executor.execute(this::inflate);
            }
            return;
        }
        if (paused) {
            paused = false;
            socket.resume();
        }
    }

    private void process() {
        if (literalSink != null) {
            deliverLiteral();
        } else if (lineReader != null) {
            deliverLine();
        } else if (!busy && !upgrading) {
            drive();
        }
        if (!closed && (busy || upgrading) && !paused && input.readable() > decoder.lineLimit()) {
            paused = true;
            socket.pause();
        }
    }

    /** Decodes and starts commands until input runs out or a command is in flight. */
    private void drive() {
        while (!busy && !upgrading && !closed) {
            Decoded decoded = decoder.decode(input);
            if (decoded instanceof Decoded.NeedMore) {
                resumeReading();
                return;
            }
            if (decoded instanceof Decoded.ContinueLiteral) {
                send(new ContinuationRequest("Ready for literal data"));
            } else if (decoded instanceof Decoded.Malformed malformed) {
                malformed(malformed);
            } else if (decoded instanceof Decoded.Command command) {
                announceLiteral(command.command().messageLiteral());
                start(CommandParser.parse(command.command(), session.mailboxNames()));
            }
        }
    }

    private void start(CommandParser.Outcome outcome) {
        if (outcome instanceof CommandParser.Invalid invalid) {
            bad(invalid.tag(), invalid.message());
            releaseCommandInput();
            return;
        }
        ImapCommand command = ((CommandParser.Parsed) outcome).command();
        commandCount++;
        long limit = settings.limits().commandsPerConnection();
        if (limit > 0 && commandCount > limit) {
            send(StatusResponse.untagged(Status.BYE, ResponseCode.LIMIT, "Too many commands on one connection"));
            close();
            return;
        }
        busy = true;
        Uni<Status> running;
        try {
            running = settings.executor().execute(command, session);
        } catch (RuntimeException e) {
            running = Uni.createFrom().failure(e);
        }
        running.subscribe().with(this::finished, failure -> {
            // the executor answers every failure itself; this is a last resort that keeps the connection usable
            LOG.errorf(failure, "command %s failed without an answer", command.name());
            send(new StatusResponse(command.tag(), Status.NO, ResponseCode.SERVERBUG, "Internal server error"));
            finished(Status.NO);
        });
    }

    private void finished(Status status) {
        executor.execute(() -> {
            busy = false;
            releaseCommandInput();
            countBad(status == Status.BAD);
            if (ending != null) {
                endNow(ending);
            } else if (!closed && !upgrading) {
                drive();
            }
        });
    }

    /**
     * The account may no longer log in: BYE and close, at once between commands; after the running
     * command, whose response must not be cut by an untagged line, but within a few seconds at most.
     * Safe from any thread.
     */
    private void end(String reason) {
        executor.execute(() -> {
            if (closed) {
                return;
            }
            if (!busy || lineReader != null) {
                // between commands, or a command waiting for the client (IDLE): nothing to cut short
                endNow(reason);
                return;
            }
            ending = reason;
            context.owner().setTimer(END_GRACE_MILLIS, id -> {
                if (!closed) {
                    close();
                }
            });
        });
    }

    private void endNow(String reason) {
        send(StatusResponse.untagged(Status.BYE, reason));
        close();
    }

    private void announceLiteral(MessageLiteral announced) {
        literal = announced;
        literalClaimed = false;
        literalRemaining = announced == null ? 0 : announced.size();
        literalSink = null;
        literalSuspended = false;
    }

    /**
     * After a command with a message literal: what the handler left unread is skipped, so none of
     * it is ever decoded as a command. A synchronising literal nobody claimed was never sent (the
     * client got no continuation); anything else is on its way.
     */
    private void releaseCommandInput() {
        if (literal == null) {
            return;
        }
        boolean comes = literalClaimed || !literal.synchronizing();
        long remaining = literalRemaining;
        announceLiteral(null);
        if (comes) {
            decoder.skipRestOfCommand(remaining);
        }
    }

    private void deliverLiteral() {
        while (literalSink != null && !literalSuspended && literalRemaining > 0 && input.readable() > 0) {
            Buffer octets = input.readBytes(literalRemaining);
            literalRemaining -= octets.length();
            if (!literalSink.data(octets)) {
                literalSuspended = true;
            }
        }
        if (literalSink != null && literalRemaining == 0) {
            LiteralSink sink = literalSink;
            literalSink = null;
            sink.end();
        }
        if (paused && !literalSuspended && input.readable() <= decoder.lineLimit()) {
            resumeReading();
        }
    }

    private void malformed(Decoded.Malformed malformed) {
        switch (malformed.problem()) {
            case DISCARDED -> {
                // the skipped rest of a command that has had its answer
            }
            case SYNTAX, UNKNOWN_COMMAND -> bad(malformed.tag(), malformed.detail());
            case LITERAL_TOO_BIG -> {
                settings.metrics().command("invalid", "no");
                send(new StatusResponse(malformed.tag(), Status.NO, ResponseCode.TOOBIG, malformed.detail()));
            }
            case NON_SYNC_LITERAL_TOO_BIG -> {
                settings.metrics().command("invalid", "bad");
                send(new StatusResponse(malformed.tag(), Status.BAD, ResponseCode.TOOBIG, malformed.detail()));
                send(StatusResponse.untagged(Status.BYE, "Literal too big; closing"));
                close();
            }
            case LINE_TOO_LONG, REFUSED_LITERAL_SENT -> {
                settings.metrics().command("invalid", "bad");
                send(StatusResponse.untagged(Status.BYE, ResponseCode.TOOBIG, malformed.detail()));
                close();
            }
        }
    }

    private void bad(String tag, String text) {
        settings.metrics().command("invalid", "bad");
        send(new StatusResponse(tag, Status.BAD, null, text));
        countBad(true);
    }

    /** Before authentication, a client sending nothing but garbage is sent away (RFC 9051 §7.1.5 BYE). */
    private void countBad(boolean bad) {
        if (!bad) {
            consecutiveBad = 0;
            return;
        }
        consecutiveBad++;
        if (session.state() instanceof SessionState.NotAuthenticated
                && consecutiveBad >= settings.limits().badCommandsBeforeAuth() && !closed) {
            send(StatusResponse.untagged(Status.BYE, "Too many invalid commands"));
            close();
        }
    }

    private void send(io.mailserver.imap.reply.Response response) {
        write(ResponseEncoder.encode(response));
    }

    // ------------------------------------------------------------------ ClientChannel

    @Override
    public void write(Buffer data) {
        if (!closed) {
            socket.write(compression == null ? data : DeflateCompression.deflate(data));
        }
    }

    @Override
    public boolean compressed() {
        return compression != null;
    }

    @Override
    public void startCompression() {
        if (closed || compression != null) {
            return;
        }
        compression = new DeflateCompression();
        closeActions.add(compression::end);
        // whatever the client sent after the command is already compressed
        if (input.readable() > 0) {
            compression.received(input.readBytes(input.readable()));
        }
        inflate();
    }

    @Override
    public boolean writeQueueFull() {
        return !closed && socket.writeQueueFull();
    }

    @Override
    public void whenWritable(Runnable action) {
        socket.drainHandler(v -> {
            socket.drainHandler(null);
            action.run();
        });
    }

    @Override
    public Uni<Buffer> readLine() {
        return Uni.createFrom().emitter(emitter -> {
            if (closed) {
                emitter.fail(new IllegalStateException("connection closed"));
                return;
            }
            lineReader = emitter;
            resumeReading();
            deliverLine();
        });
    }

    private void deliverLine() {
        LineRead read = input.readLine(decoder.lineLimit());
        if (read instanceof LineRead.Incomplete) {
            return;
        }
        UniEmitter<? super Buffer> reader = lineReader;
        lineReader = null;
        if (read instanceof LineRead.Line line) {
            reader.complete(line.content());
        } else {
            reader.fail(new IllegalStateException("line too long"));
        }
    }

    @Override
    public LiteralFlow readLiteral(MessageLiteral announced, LiteralSink sink) {
        if (closed) {
            sink.failed(new IllegalStateException("connection closed"));
            return () -> { };
        }
        if (announced != literal || literalClaimed) {
            throw new IllegalStateException("not the command's unread literal");
        }
        literalClaimed = true;
        literalSink = sink;
        if (announced.synchronizing()) {
            send(new ContinuationRequest("Ready for literal data"));
        }
        LiteralFlow flow = () -> executor.execute(() -> {
            if (literalSink == sink && literalSuspended) {
                literalSuspended = false;
                deliverLiteral();
            }
        });
        deliverLiteral();
        return flow;
    }

    @Override
    public Uni<CommandRest> readRest(boolean wrapped) {
        if (literal == null || literalRemaining > 0) {
            return Uni.createFrom().failure(new IllegalStateException("no message literal read to its end"));
        }
        return readLine().map(line -> {
            CommandRest rest = CommandRest.parse(line, wrapped);
            if (rest instanceof CommandRest.NextMessage next) {
                announceLiteral(next.literal());
            } else if (rest instanceof CommandRest.Invalid invalid) {
                announceLiteral(invalid.announced());
            } else {
                announceLiteral(null);
            }
            return rest;
        });
    }

    @Override
    public void startTls() {
        if (closed) {
            return;
        }
        int dropped = input.discard();
        if (dropped > 0) {
            LOG.debugf("discarded %d octets of plaintext pipelined after STARTTLS from %s", dropped, remoteAddress);
        }
        if (paused) {
            // more plaintext may wait in the socket's own queue, where it cannot be told from TLS data
            close();
            return;
        }
        upgrading = true;
        socket.upgradeToSsl(result -> {
            upgrading = false;
            if (result.failed()) {
                LOG.debugf("TLS handshake with %s failed: %s", remoteAddress, result.cause().getMessage());
                close();
                return;
            }
            tls = true;
            if (!busy) {
                drive();
            }
        });
    }

    @Override
    public boolean tls() {
        return tls;
    }

    @Override
    public void authenticated() {
        decoder.limits(settings.limits().lineLengthAfterAuth(), settings.limits().literalSizeAfterAuth(),
                settings.limits().appendSize());
        consecutiveBad = 0;
    }

    @Override
    public boolean admitAccount(long accountId) {
        // A login that finished after the client left must not register a session nobody will close.
        if (closed) {
            return false;
        }
        if (deregister != null) {
            return true;
        }
        deregister = settings.sessions().tryRegister(accountId, this::end, settings.limits().connectionsPerAccount());
        return deregister != null;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public void onClose(Runnable action) {
        if (closed) {
            action.run();
        } else {
            closeActions.add(action);
        }
    }

    @Override
    public void removeOnClose(Runnable action) {
        closeActions.remove(action);
    }

    @Override
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        socket.close();
        cleanUp();
    }

    private void cleanUp() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        if (timerId >= 0) {
            context.owner().cancelTimer(timerId);
        }
        if (slotTaken) {
            settings.connectionsPerAddress().release(remoteAddress);
        }
        if (deregister != null) {
            deregister.run();
        }
        settings.metrics().connectionClosed();
        if (lineReader != null) {
            UniEmitter<? super Buffer> reader = lineReader;
            lineReader = null;
            reader.fail(new IllegalStateException("connection closed"));
        }
        if (literalSink != null) {
            LiteralSink sink = literalSink;
            literalSink = null;
            sink.failed(new IllegalStateException("connection closed"));
        }
        for (Runnable action : closeActions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.debug("cleanup action failed", e);
            }
        }
        closeActions.clear();
    }

    // ------------------------------------------------------------------ idle timeout

    private long idleTimeoutMillis() {
        return session.state() instanceof SessionState.NotAuthenticated
                ? settings.timeouts().idleBeforeAuth().toMillis()
                : settings.timeouts().idleAfterAuth().toMillis();
    }

    private void armIdleTimer(long delayMillis) {
        timerId = context.owner().setTimer(Math.max(1, delayMillis), id -> checkIdle());
    }

    /** RFC 9051 §5.4: an idle client is logged out; a running command (a long FETCH) is not idleness. */
    private void checkIdle() {
        timerId = -1;
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        boolean waitingForClient = lineReader != null || (literalSink != null && !literalSuspended);
        if (busy && !waitingForClient) {
            lastActivity = now;
        }
        long idle = (now - lastActivity) / 1_000_000;
        long timeout = idleTimeoutMillis();
        if (idle >= timeout) {
            send(StatusResponse.untagged(Status.BYE, "Autologout; idle for too long"));
            close();
        } else {
            armIdleTimer(timeout - idle);
        }
    }
}
