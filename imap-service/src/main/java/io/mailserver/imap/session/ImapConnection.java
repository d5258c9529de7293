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
import io.mailserver.protocol.connection.ConnectionDriver;
import io.mailserver.protocol.io.InputBuffer;
import io.mailserver.protocol.io.LineRead;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * One client connection: feeds socket input to the {@link ImapDecoder}, has the
 * {@link CommandExecutor} run each command, and owns what belongs to the connection rather than to a
 * command: the greeting, literal continuations, BAD answers for malformed input, limits and
 * COMPRESS=DEFLATE. The {@link ConnectionDriver} runs commands one at a time on the connection's
 * context and owns flow control, the idle timer, STARTTLS and closing.
 *
 * <p>Input arriving while a command runs stays in the {@link InputBuffer}; the socket is paused
 * once more than one line limit is waiting, so a client pipelining without end is held back by
 * TCP rather than by memory. A message literal (APPEND) is the exception: the running command reads
 * it through {@link #readLiteral} as it arrives, and whatever of the command it leaves unread is
 * skipped before the next command is decoded.
 */
public final class ImapConnection implements ClientChannel, ConnectionDriver.Protocol {

    private static final Logger LOG = Logger.getLogger(ImapConnection.class);
    /** Octets inflated per step of a compressed connection's input. */
    private static final int INFLATE_STEP = 16 * 1024;

    private final ConnectionDriver driver;
    private final ConnectionSettings settings;
    private final InputBuffer input = new InputBuffer();
    private final ImapDecoder decoder;
    private final ImapSession session;

    private boolean slotTaken;
    private UniEmitter<? super Buffer> lineReader;
    private int consecutiveBad;
    private long commandCount;
    /** Deregisters the session from the instance's sessions of its account; set once authenticated. */
    private Runnable deregister;

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
        this.driver = new ConnectionDriver(socket, context, this);
        this.settings = settings;
        this.decoder = new ImapDecoder(settings.limits().lineLengthBeforeAuth(),
                settings.limits().literalSizeBeforeAuth());
        this.session = new ImapSession(this);
    }

    /** Greets the client (or turns it away) and starts reading. Call on the connection's context. */
    public void start() {
        settings.metrics().connectionOpened(driver.tls());
        driver.start();
        if (!settings.connectionsPerAddress().tryAcquire(driver.remoteAddress())) {
            send(StatusResponse.untagged(Status.BYE, ResponseCode.LIMIT, "Too many connections from your address"));
            close();
            return;
        }
        slotTaken = true;
        send(StatusResponse.untagged(Status.OK, ResponseCode.capability(settings.capabilities().of(session)),
                settings.hostname() + " IMAP ready"));
    }

    // ------------------------------------------------------------------ ConnectionDriver.Protocol

    @Override
    public void received(Buffer chunk) {
        if (compression != null) {
            compression.received(chunk);
            inflate();
        } else {
            input.append(chunk);
        }
    }

    /**
     * COMPRESS=DEFLATE: moves inflated octets into the input while it has room; the driver stops
     * reading from the socket while compressed octets wait, so memory stays bounded by the line
     * limit whatever the compression ratio.
     */
    private void inflate() {
        if (inflating) {
            return;
        }
        inflating = true;
        try {
            while (!driver.closing() && compression.pending() && roomToInflate() && !literalSuspended) {
                Buffer plain = compression.inflate(INFLATE_STEP);
                if (plain.length() == 0) {
                    break;
                }
                input.append(plain);
                driver.process();
            }
        } catch (java.util.zip.DataFormatException e) {
            LOG.debugf("compressed input from %s not understood: %s", driver.remoteAddress(), e.getMessage());
            close();
            return;
        } finally {
            inflating = false;
        }
        driver.process();
    }

    /**
     * Whether inflated octets may go into the input: up to the line limit and the one octet the
     * input keeps of a line it discards (a CR whose LF may follow), so an over-long line streams
     * through the discarding decoder instead of stalling.
     */
    private boolean roomToInflate() {
        return input.readable() <= decoder.lineLimit() + 1;
    }

    @Override
    public boolean wantsInput() {
        if (compression != null && compression.pending()) {
            if (!inflating && roomToInflate() && !literalSuspended) {
                // not from within the inflate loop (it goes on by itself): a fresh turn, no deep recursion
                driver.executor().execute(this::inflate);
            }
            return false;
        }
        return input.readable() <= decoder.lineLimit();
    }

    @Override
    public boolean step() {
        Decoded decoded = decoder.decode(input);
        if (decoded instanceof Decoded.NeedMore) {
            return false;
        }
        if (decoded instanceof Decoded.ContinueLiteral) {
            send(new ContinuationRequest("Ready for literal data"));
        } else if (decoded instanceof Decoded.Malformed malformed) {
            malformed(malformed);
        } else if (decoded instanceof Decoded.Command command) {
            announceLiteral(command.command().messageLiteral());
            start(CommandParser.parse(command.command(), session.mailboxNames()));
        }
        return true;
    }

    @Override
    public void feedRunningCommand() {
        if (literalSink != null) {
            deliverLiteral();
        } else if (lineReader != null) {
            deliverLine();
        }
    }

    @Override
    public boolean waitingForClient() {
        return lineReader != null || (literalSink != null && !literalSuspended);
    }

    @Override
    public int discardInput() {
        return input.discard();
    }

    /** RFC 9051 §5.4: an idle client is logged out, after at least 30 minutes once authenticated. */
    @Override
    public long idleTimeoutMillis() {
        return session.state() instanceof SessionState.NotAuthenticated
                ? settings.timeouts().idleBeforeAuth().toMillis()
                : settings.timeouts().idleAfterAuth().toMillis();
    }

    @Override
    public void idleTimedOut() {
        send(StatusResponse.untagged(Status.BYE, "Autologout; idle for too long"));
    }

    @Override
    public void connectionClosed() {
        if (slotTaken) {
            settings.connectionsPerAddress().release(driver.remoteAddress());
        }
        if (deregister != null) {
            deregister.run();
        }
        settings.metrics().connectionClosed();
        if (compression != null) {
            compression.end();
        }
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
    }

    // ------------------------------------------------------------------ commands

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
        driver.run(() -> settings.executor().execute(command, session), this::finished, failure -> {
            // the executor answers every failure itself; this is a last resort that keeps the connection usable
            LOG.errorf(failure, "command %s failed without an answer", command.name());
            send(new StatusResponse(command.tag(), Status.NO, ResponseCode.SERVERBUG, "Internal server error"));
            finished(Status.NO);
        });
    }

    private void finished(Status status) {
        releaseCommandInput();
        countBad(status == Status.BAD);
    }

    /**
     * The account may no longer log in: BYE and close, at once between commands or while the command
     * waits for the client (IDLE); after the running command otherwise. Safe from any thread.
     */
    private void end(String reason) {
        driver.end(() -> send(StatusResponse.untagged(Status.BYE, reason)));
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
            // nothing of the literal is left to hold back: the rest of the command may be read
            literalSuspended = false;
            sink.end();
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
                && consecutiveBad >= settings.limits().badCommandsBeforeAuth() && !driver.closing()) {
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
        if (!driver.closed()) {
            driver.write(data);
        }
    }

    @Override
    public boolean compressed() {
        return compression != null;
    }

    @Override
    public void startCompression() {
        if (driver.closing() || compression != null) {
            return;
        }
        compression = new DeflateCompression();
        // the tagged OK is out in plaintext; deflated in batches as the driver hands them to the socket
        driver.transformOutput(DeflateCompression::deflate);
        // whatever the client sent after the command is already compressed
        if (input.readable() > 0) {
            compression.received(input.readBytes(input.readable()));
        }
        inflate();
    }

    @Override
    public boolean writeQueueFull() {
        return driver.writeQueueFull();
    }

    @Override
    public void whenWritable(Runnable action) {
        driver.whenWritable(action);
    }

    @Override
    public Uni<Buffer> readLine() {
        return Uni.createFrom().emitter(emitter -> {
            if (driver.closing()) {
                emitter.fail(new IllegalStateException("connection closed"));
                return;
            }
            lineReader = emitter;
            driver.process();
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
        if (driver.closing()) {
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
        LiteralFlow flow = () -> driver.executor().execute(() -> {
            if (literalSink == sink && literalSuspended) {
                literalSuspended = false;
                driver.process();
            }
        });
        driver.process();
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
        driver.startTls(() -> {
        });
    }

    @Override
    public boolean tls() {
        return driver.tls();
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
        if (driver.closing()) {
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
        return driver.remoteAddress();
    }

    @Override
    public Executor executor() {
        return driver.executor();
    }

    @Override
    public void onClose(Runnable action) {
        driver.onClose(action);
    }

    @Override
    public void removeOnClose(Runnable action) {
        driver.removeOnClose(action);
    }

    @Override
    public boolean closed() {
        return driver.closing();
    }

    @Override
    public void close() {
        driver.close();
    }
}
