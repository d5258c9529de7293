package io.mailserver.pop3;

import io.mailserver.pop3.codec.Decoded;
import io.mailserver.pop3.codec.Pop3Decoder;
import io.mailserver.pop3.config.MailConfig;
import io.mailserver.pop3.handler.CommandDispatcher;
import io.mailserver.pop3.handler.Outcome;
import io.mailserver.pop3.handler.SaslStep;
import io.mailserver.pop3.reply.Pop3Reply;
import io.mailserver.pop3.reply.ReplyChannel;
import io.mailserver.pop3.reply.ReplyEncoder;
import io.mailserver.pop3.reply.ResponseCode;
import io.mailserver.pop3.session.Pop3Session;
import io.mailserver.pop3.session.Pop3State;
import io.mailserver.protocol.session.AccountSessions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One client connection: feeds received bytes to the decoder, executes one command at a time
 * through the dispatcher, writes the outcome, and applies the state it carries.
 *
 * <p>Confined to the Vert.x context the connection was accepted on: every handler result is
 * brought back to it before it touches the state. Input is bounded: the decoder drops over-long
 * lines, and reading pauses while more than the pipelining limit waits for earlier commands.
 */
final class Pop3Connection implements Pop3Session, ReplyChannel {

    private static final Logger LOG = Logger.getLogger(Pop3Connection.class);
    /** How long a command may still run after its session was told to end. */
    private static final long END_GRACE_MILLIS = 5000;

    private final NetSocket socket;
    private final Executor context;
    private final Context vertxContext;
    private final AccountSessions sessions;
    private final CommandDispatcher dispatcher;
    private final MailConfig config;
    private final Runnable onClosed;
    private final Pop3Decoder decoder;
    private final String remoteAddress;
    private final List<Runnable> closeActions = new ArrayList<>();

    private Pop3State state = Pop3State.Authorization.initial();
    private boolean tls;
    /** A command is executing; the next waits in the decoder. */
    private boolean busy;
    private boolean closed;
    private boolean paused;
    /** Between STLS and the end of the handshake: plaintext is dropped (RFC 2595 §4). */
    private boolean upgrading;
    private SaslStep pendingSasl;
    private int badCommands;
    /** Bytes the current command's handler wrote itself (a streamed reply). */
    private long streamedBytes;
    /** Deregisters the session from the instance's sessions of its account; set at login. */
    private Runnable deregister;
    /** Why the session must end once the running command is done (its account was disabled or removed). */
    private String ending;

    Pop3Connection(NetSocket socket, Context context, boolean implicitTls, CommandDispatcher dispatcher,
            MailConfig config, AccountSessions sessions, Runnable onClosed) {
        this.socket = socket;
        this.vertxContext = context;
        this.sessions = sessions;
        this.context = task -> context.runOnContext(v -> task.run());
        this.tls = implicitTls;
        this.dispatcher = dispatcher;
        this.config = config;
        this.onClosed = onClosed;
        MailConfig.Limits limits = config.pop3().limits();
        this.decoder = new Pop3Decoder(limits.commandLine(), limits.authLine());
        this.remoteAddress = socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress();
    }

    void start() {
        socket.handler(this::received);
        socket.closeHandler(v -> closed());
        socket.exceptionHandler(failure -> {
            LOG.debugf("POP3 connection from %s failed: %s", remoteAddress, failure.toString());
            socket.close();
        });
        // RFC 1939 §4; no APOP timestamp, since APOP is not offered.
        writeReply(Pop3Reply.ok(config.hostname() + " POP3 ready"));
    }

    private void received(Buffer chunk) {
        if (closed) {
            return;
        }
        if (upgrading && !socket.isSsl()) {
            // Sent in plaintext after STLS, before the TLS layer was in place: never executed.
            return;
        }
        decoder.feed(chunk);
        if (!paused && decoder.buffered() > config.pop3().limits().pipelinedInput()) {
            paused = true;
            socket.pause();
        }
        drive();
    }

    /** Executes buffered commands until one is in flight or the input runs out. */
    private void drive() {
        while (!busy && !closed) {
            Decoded next = pendingSasl != null ? decoder.nextSaslResponse() : decoder.nextCommand();
            if (next == Decoded.NeedMore.INSTANCE) {
                if (paused) {
                    paused = false;
                    socket.resume();
                }
                return;
            }
            execute(next);
        }
    }

    private void execute(Decoded decoded) {
        if (decoded instanceof Decoded.Command command) {
            run(() -> dispatcher.dispatch(command.command(), this));
        } else if (decoded instanceof Decoded.SaslResponse response) {
            SaslStep step = pendingSasl;
            pendingSasl = null;
            run(() -> step.respond(response.text(), this));
        } else if (decoded instanceof Decoded.TooLong) {
            // A SASL exchange ends with it too (RFC 5034 §4 lets the server reject the AUTH command).
            pendingSasl = null;
            refuse("Line too long");
        } else if (decoded instanceof Decoded.Malformed malformed) {
            refuse(malformed.reason());
        }
    }

    private void refuse(String reason) {
        badCommands++;
        if (badCommands >= config.pop3().limits().badCommands()) {
            writeReply(Pop3Reply.err("Too many invalid commands, closing"));
            closeAfterWrites();
            return;
        }
        writeReply(Pop3Reply.err(reason));
    }

    private void run(Supplier<Uni<? extends Outcome>> action) {
        busy = true;
        streamedBytes = 0;
        Uni.createFrom().<Outcome>deferred(action)
                .emitOn(context)
                .subscribe().with(this::completed, this::failed);
    }

    private void completed(Outcome outcome) {
        closeActions.clear();
        if (closed) {
            return;
        }
        if (outcome instanceof Outcome.Reply reply) {
            if (reply.next() != null) {
                state = reply.next();
                if (deregister == null && state instanceof Pop3State.Transaction t) {
                    deregister = sessions.register(t.maildrop().accountId(), this::end);
                }
            }
            writeReply(reply.reply());
            after(reply.after());
        } else if (outcome instanceof Outcome.Challenge challenge) {
            pendingSasl = challenge.step();
            writeReply(challenge.prompt());
            after(Outcome.After.CONTINUE);
        } else if (outcome instanceof Outcome.Streamed streamed) {
            after(streamed.after());
        }
    }

    private void after(Outcome.After after) {
        if (ending != null && after != Outcome.After.CLOSE) {
            endNow(ending);
            return;
        }
        switch (after) {
            case CONTINUE -> {
                busy = false;
                drive();
            }
            case CLOSE -> closeAfterWrites();
            case START_TLS -> startTls();
        }
    }

    private void failed(Throwable failure) {
        closeActions.clear();
        if (closed) {
            return;
        }
        LOG.errorf(failure, "POP3 command failed for %s", remoteAddress);
        if (streamedBytes > 0) {
            // Part of a reply is on the wire; the client cannot be told in band.
            socket.close();
            return;
        }
        writeReply(Pop3Reply.err(ResponseCode.SYS_TEMP, "Internal error, try again later"));
        busy = false;
        drive();
    }

    private void startTls() {
        if (paused) {
            // Over the pipelining limit before STLS: no honest client does that, and bytes Vert.x
            // holds for a paused socket could not be told apart from data sent after the handshake.
            socket.close();
            return;
        }
        int dropped = decoder.discard();
        if (dropped > 0) {
            LOG.debugf("Dropped %d plaintext bytes pipelined after STLS from %s", dropped, remoteAddress);
        }
        upgrading = true;
        socket.upgradeToSsl(result -> {
            upgrading = false;
            if (result.failed()) {
                LOG.debugf("STLS handshake with %s failed: %s", remoteAddress, result.cause().toString());
                socket.close();
                return;
            }
            tls = true;
            busy = false;
            drive();
        });
    }

    private void writeReply(Pop3Reply reply) {
        if (!closed) {
            socket.write(ReplyEncoder.encode(reply));
        }
    }

    private void closeAfterWrites() {
        busy = true;
        socket.write(Buffer.buffer()).onComplete(done -> socket.close());
    }

    /**
     * The account may no longer log in: {@code -ERR} and close, never through the UPDATE state, so
     * nothing marked deleted is removed. At once between commands; after the running command (a RETR
     * must not be cut by a status line) but within a few seconds at most. Safe from any thread.
     */
    private void end(String reason) {
        context.execute(() -> {
            if (closed) {
                return;
            }
            if (!busy) {
                endNow(reason);
                return;
            }
            ending = reason;
            vertxContext.owner().setTimer(END_GRACE_MILLIS, id -> socket.close());
        });
    }

    private void endNow(String reason) {
        writeReply(Pop3Reply.err(ResponseCode.AUTH, reason + "; closing connection"));
        closeAfterWrites();
    }

    private void closed() {
        if (closed) {
            return;
        }
        closed = true;
        if (deregister != null) {
            deregister.run();
        }
        List<Runnable> actions = List.copyOf(closeActions);
        closeActions.clear();
        actions.forEach(Runnable::run);
        onClosed.run();
    }

    // ---------------------------------------------------------------- Pop3Session

    @Override
    public Pop3State state() {
        return state;
    }

    @Override
    public boolean tls() {
        return tls;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public Executor context() {
        return context;
    }

    @Override
    public ReplyChannel output() {
        return this;
    }

    @Override
    public void onClose(Runnable action) {
        closeActions.add(action);
    }

    // ---------------------------------------------------------------- ReplyChannel

    @Override
    public void write(Buffer bytes) {
        if (!closed) {
            streamedBytes += bytes.length();
            socket.write(bytes);
        }
    }

    @Override
    public boolean writeQueueFull() {
        return socket.writeQueueFull();
    }

    @Override
    public void whenDrained(Runnable action) {
        if (closed) {
            return;
        }
        if (!socket.writeQueueFull()) {
            action.run();
            return;
        }
        socket.drainHandler(v -> {
            socket.drainHandler(null);
            if (!closed) {
                action.run();
            }
        });
    }
}
