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
import io.mailserver.protocol.connection.ConnectionDriver;
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
 * One client connection: feeds received bytes to the decoder, has the dispatcher execute each
 * command, writes the outcome, and applies the state it carries. The {@link ConnectionDriver} runs
 * the commands one at a time on the connection's context and owns flow control, the idle timer and
 * STLS; input is bounded: the decoder drops over-long lines, and reading pauses while more than the
 * pipelining limit waits for earlier commands.
 */
final class Pop3Connection implements Pop3Session, ReplyChannel, ConnectionDriver.Protocol {

    private static final Logger LOG = Logger.getLogger(Pop3Connection.class);

    private final ConnectionDriver driver;
    private final CommandDispatcher dispatcher;
    private final MailConfig config;
    private final AccountSessions sessions;
    private final Runnable onClosed;
    private final Pop3Decoder decoder;
    /** Cleanup registered by the running command; forgotten once it is done. */
    private final List<Runnable> commandCloseActions = new ArrayList<>();

    private Pop3State state = Pop3State.Authorization.initial();
    private SaslStep pendingSasl;
    private int badCommands;
    /** Bytes the current command's handler wrote itself (a streamed reply). */
    private long streamedBytes;
    /** Deregisters the session from the instance's sessions of its account; set at login. */
    private Runnable deregister;

    Pop3Connection(NetSocket socket, Context context, CommandDispatcher dispatcher, MailConfig config,
            AccountSessions sessions, Runnable onClosed) {
        this.driver = new ConnectionDriver(socket, context, this);
        this.dispatcher = dispatcher;
        this.config = config;
        this.sessions = sessions;
        this.onClosed = onClosed;
        MailConfig.Limits limits = config.pop3().limits();
        this.decoder = new Pop3Decoder(limits.commandLine(), limits.authLine());
    }

    void start() {
        driver.start();
        // RFC 1939 §4; no APOP timestamp, since APOP is not offered.
        writeReply(Pop3Reply.ok(config.hostname() + " POP3 ready"));
    }

    // ---------------------------------------------------------------- ConnectionDriver.Protocol

    @Override
    public void received(Buffer octets) {
        decoder.feed(octets);
    }

    @Override
    public boolean step() {
        Decoded next = pendingSasl != null ? decoder.nextSaslResponse() : decoder.nextCommand();
        if (next == Decoded.NeedMore.INSTANCE) {
            return false;
        }
        if (next instanceof Decoded.Command command) {
            run(() -> dispatcher.dispatch(command.command(), this));
        } else if (next instanceof Decoded.SaslResponse response) {
            SaslStep step = pendingSasl;
            pendingSasl = null;
            run(() -> step.respond(response.text(), this));
        } else if (next instanceof Decoded.TooLong) {
            // A SASL exchange ends with it too (RFC 5034 §4 lets the server reject the AUTH command).
            pendingSasl = null;
            refuse("Line too long");
        } else if (next instanceof Decoded.Malformed malformed) {
            refuse(malformed.reason());
        }
        return true;
    }

    @Override
    public boolean wantsInput() {
        return decoder.buffered() <= config.pop3().limits().pipelinedInput();
    }

    @Override
    public int discardInput() {
        return decoder.discard();
    }

    @Override
    public long idleTimeoutMillis() {
        return config.pop3().timeouts().idle().toMillis();
    }

    /** RFC 1939 §3: the connection closes without a reply and without entering the UPDATE state. */
    @Override
    public void idleTimedOut() {
    }

    @Override
    public void connectionClosed() {
        if (deregister != null) {
            deregister.run();
        }
        List<Runnable> actions = List.copyOf(commandCloseActions);
        commandCloseActions.clear();
        actions.forEach(Runnable::run);
        onClosed.run();
    }

    // ---------------------------------------------------------------- commands

    private void refuse(String reason) {
        badCommands++;
        if (badCommands >= config.pop3().limits().badCommands()) {
            writeReply(Pop3Reply.err("Too many invalid commands, closing"));
            driver.closeAfterWrites();
            return;
        }
        writeReply(Pop3Reply.err(reason));
    }

    private void run(Supplier<Uni<? extends Outcome>> action) {
        streamedBytes = 0;
        driver.run(action, this::completed, this::failed);
    }

    private void completed(Outcome outcome) {
        commandCloseActions.clear();
        if (driver.closing()) {
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
        } else if (outcome instanceof Outcome.Streamed streamed) {
            after(streamed.after());
        }
    }

    private void after(Outcome.After after) {
        switch (after) {
            case CONTINUE -> {
                // the driver reads the next command
            }
            case CLOSE -> driver.closeAfterWrites();
            case START_TLS -> driver.startTls(() -> {
            });
        }
    }

    private void failed(Throwable failure) {
        commandCloseActions.clear();
        if (driver.closing()) {
            return;
        }
        LOG.errorf(failure, "POP3 command failed for %s", driver.remoteAddress());
        if (streamedBytes > 0) {
            // Part of a reply is on the wire; the client cannot be told in band.
            driver.close();
            return;
        }
        writeReply(Pop3Reply.err(ResponseCode.SYS_TEMP, "Internal error, try again later"));
    }

    private void writeReply(Pop3Reply reply) {
        driver.write(ReplyEncoder.encode(reply));
    }

    /**
     * The account may no longer log in: {@code -ERR} and close, never through the UPDATE state, so
     * nothing marked deleted is removed; a running RETR is not cut by the status line. Safe from any
     * thread.
     */
    private void end(String reason) {
        driver.end(() -> writeReply(Pop3Reply.err(ResponseCode.AUTH, reason + "; closing connection")));
    }

    // ---------------------------------------------------------------- Pop3Session

    @Override
    public Pop3State state() {
        return state;
    }

    @Override
    public boolean tls() {
        return driver.tls();
    }

    @Override
    public String remoteAddress() {
        return driver.remoteAddress();
    }

    @Override
    public Executor context() {
        return driver.executor();
    }

    @Override
    public ReplyChannel output() {
        return this;
    }

    @Override
    public void onClose(Runnable action) {
        commandCloseActions.add(action);
    }

    // ---------------------------------------------------------------- ReplyChannel

    @Override
    public void write(Buffer bytes) {
        if (!driver.closed()) {
            streamedBytes += bytes.length();
            driver.write(bytes);
        }
    }

    @Override
    public boolean writeQueueFull() {
        return driver.writeQueueFull();
    }

    @Override
    public void whenDrained(Runnable action) {
        driver.whenWritable(action);
    }
}
