package io.mailserver.smtp;

import io.mailserver.protocol.connection.ConnectionDriver;
import io.mailserver.protocol.net.AddressBudget;
import io.mailserver.protocol.smtp.BareLineEndings;
import io.mailserver.smtp.codec.SmtpCommandParser;
import io.mailserver.smtp.codec.SmtpInput;
import io.mailserver.smtp.codec.SmtpInputDecoder;
import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.handler.CommandDispatcher;
import io.mailserver.smtp.handler.Outcome;
import io.mailserver.smtp.metrics.SmtpMetrics;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.reply.SmtpReplyEncoder;
import io.mailserver.smtp.session.ChunkedContent;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.Listener;
import io.mailserver.smtp.session.MessageContent;
import io.mailserver.smtp.session.MessageMemory;
import io.mailserver.smtp.session.SmtpState;
import io.mailserver.smtp.session.Truncation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import org.jboss.logging.Logger;

/**
 * One client connection: feeds the socket's bytes to the {@link SmtpInputDecoder}, has the
 * {@link CommandDispatcher} handle each command and writes the replies in order. The
 * {@link ConnectionDriver} runs commands strictly one at a time on the connection's context (RFC 2920
 * §3.1 lets a server process pipelined commands one by one) and reads only while at most one line
 * waits and the client reads its replies, so pipelined commands wait in the kernel, not in memory.
 */
final class SmtpConnection implements ConnectionDriver.Protocol {

    private static final Logger LOG = Logger.getLogger(SmtpConnection.class);

    /** What a connection needs from the configuration, resolved once. */
    record Limits(String hostname, int maxLineLength, long maxMessageSize, BareLineEndings bareLineEndings, int maxErrors,
            long idleMillis, long mxGreetingDelayMillis) {
    }

    private final ConnectionDriver driver;
    private final CommandDispatcher dispatcher;
    private final SmtpMetrics metrics;
    private final Limits limits;
    private final Runnable onClosed;
    /** Errors of all this client address's connections (ClientBudgets). */
    private final AddressBudget addressErrors;
    private final SmtpInputDecoder decoder;
    private final MessageMemory memory;

    private ConnectionInfo info;
    private SmtpState state = new SmtpState.Connected();
    /** The message being received while the state reads DATA, from its first octets on. */
    private MessageContent message;
    /** The content of a BDAT transaction, from its first kept chunk until the transaction ends. */
    private ChunkedContent chunks;
    private int errors;
    /** Whether the 220 went out; input before it is an early talker's. */
    private boolean greeted;
    private final io.vertx.core.Vertx vertx;

    SmtpConnection(NetSocket socket, Context context, ConnectionInfo info, CommandDispatcher dispatcher,
            SmtpMetrics metrics, Limits limits, MessageMemory memory, AddressBudget addressErrors, Runnable onClosed) {
        this.addressErrors = addressErrors;
        this.driver = new ConnectionDriver(socket, context, this);
        this.vertx = context.owner();
        this.info = info;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.limits = limits;
        this.memory = memory;
        this.onClosed = onClosed;
        this.decoder = new SmtpInputDecoder(limits.maxLineLength(), limits.maxMessageSize(), limits.bareLineEndings());
    }

    void start() {
        driver.start();
        long delay = info.listener() == Listener.MX ? limits.mxGreetingDelayMillis() : 0;
        if (delay <= 0) {
            greet();
            return;
        }
        // RFC 5321 §3.1: a client waits for the greeting; spamware that talks first gives itself away
        long timer = vertx.setTimer(delay, id -> {
            if (!driver.closed() && !driver.closing()) {
                greet();
            }
        });
        driver.onClose(() -> vertx.cancelTimer(timer));
    }

    private void greet() {
        greeted = true;
        write(SmtpReply.plain(220, limits.hostname() + " ESMTP ready"));
    }

    // ------------------------------------------------------------------ ConnectionDriver.Protocol

    @Override
    public void received(Buffer bytes) {
        metrics.bytesReceived(bytes.length());
        if (!greeted) {
            if (!driver.closing()) {
                metrics.earlyTalker();
                write(SmtpReply.of(554, "5.5.1", limits.hostname() + " Protocol error: talked before the greeting"));
                driver.closeAfterWrites();
            }
            return;
        }
        decoder.append(bytes);
    }

    @Override
    public boolean step() {
        if (!greeted) {
            return false;
        }
        if (state instanceof SmtpState.ReceivingChunk chunk) {
            return stepChunk(chunk);
        }
        SmtpInput input = decoder.next(state.inputMode());
        if (input instanceof SmtpInput.CommandLine line && state instanceof SmtpState.Authenticating authenticating) {
            await(null, dispatcher.authResponse(line.text(), authenticating, info), () -> {
            });
        } else if (input instanceof SmtpInput.CommandLine line) {
            SmtpCommand command = SmtpCommandParser.parse(line.text());
            await(command.verb(), dispatcher.dispatch(command, state, info), () -> {
            });
        } else if (input instanceof SmtpInput.LineTooLong) {
            apply("LINE", dispatcher.lineTooLong(state));
        } else if (input instanceof SmtpInput.DataContent data) {
            if (message == null) {
                message = new MessageContent(memory);
            }
            // Once memory ran out the rest is read and dropped; the end of the data gets a 452.
            message.append(data.content());
            if (data.ended()) {
                completeData(data);
            }
        } else {
            return false;
        }
        return true;
    }

    /** Reads a BDAT chunk's octets; once all are in, the chunk is answered. */
    private boolean stepChunk(SmtpState.ReceivingChunk chunk) {
        SmtpState.ReceivingChunk reading = chunk;
        if (reading.remaining() > 0) {
            Buffer octets = decoder.nextChunk(reading.remaining());
            if (octets == null) {
                return false;
            }
            if (reading.kept()) {
                if (chunks == null) {
                    chunks = new ChunkedContent(memory, limits.maxMessageSize(), limits.bareLineEndings());
                }
                chunks.append(octets);
            }
            reading = reading.consumed(octets.length());
            state = reading;
            if (reading.remaining() > 0) {
                return true;
            }
        }
        chunkEnded(reading);
        return true;
    }

    private void chunkEnded(SmtpState.ReceivingChunk chunk) {
        if (chunk.kept() && chunks == null) {
            // a first chunk of no octets
            chunks = new ChunkedContent(memory, limits.maxMessageSize(), limits.bareLineEndings());
        }
        ChunkedContent content = chunks;
        boolean ending = chunk.kept() && chunk.last();
        if (ending) {
            // from here the content belongs to the final reply, which releases it
            chunks = null;
        }
        await("BDAT", dispatcher.chunkEnded(chunk, content, info), () -> {
            if (ending) {
                if (content.bareLineEndings()) {
                    metrics.bareLineEndings(limits.bareLineEndings());
                }
                content.release();
            }
        });
    }

    private void completeData(SmtpInput.DataContent data) {
        MessageContent content = message;
        message = null;
        // Permanent refusals win over the memory shortage a retry can cure.
        Truncation truncation = data.overflowed() ? Truncation.SIZE_LIMIT
                : data.bareLineEndings() && limits.bareLineEndings() == BareLineEndings.REJECT
                        ? Truncation.BARE_LINE_ENDINGS
                        : content.dropped() ? Truncation.MEMORY : Truncation.NONE;
        if (data.bareLineEndings()) {
            metrics.bareLineEndings(limits.bareLineEndings());
        }
        await(null, dispatcher.completeData((SmtpState.ReceivingData) state, content, truncation, info),
                content::release);
    }

    @Override
    public boolean wantsInput() {
        return decoder.wantsInput(state.inputMode());
    }

    @Override
    public int discardInput() {
        return decoder.discard();
    }

    @Override
    public long idleTimeoutMillis() {
        return limits.idleMillis();
    }

    @Override
    public void idleTimedOut() {
        write(SmtpReply.of(421, "4.4.2", limits.hostname() + " Idle timeout, closing connection"));
    }

    @Override
    public void connectionClosed() {
        if (message != null) {
            // Abandoned mid-transfer: nobody else will release it.
            message.release();
            message = null;
        }
        if (chunks != null) {
            chunks.release();
            chunks = null;
        }
        onClosed.run();
    }

    // ------------------------------------------------------------------ commands

    /** Handles one command's outcome; {@code done} runs on the context once the outcome is known. */
    private void await(String verb, Uni<Outcome> outcome, Runnable done) {
        driver.run(() -> outcome,
                result -> {
                    done.run();
                    apply(verb, result);
                },
                failure -> {
                    done.run();
                    // The dispatcher recovers every failure; this is the last line of defence.
                    LOG.error("unexpected failure handling a command", failure);
                    apply(verb, Outcome.of(state, SmtpReply.of(451, "4.3.0", "Internal error, try again later")));
                });
    }

    private void apply(String verb, Outcome outcome) {
        if (driver.closing()) {
            return;
        }
        state = outcome.next();
        if (chunks != null && !holdsChunks(state)) {
            // the BDAT transaction ended (RSET, EHLO, a refusal): its content is garbage
            chunks.release();
            chunks = null;
        }
        SmtpReply reply = outcome.reply();
        if (reply == null) {
            // a BDAT whose octets come next: its reply follows them
            return;
        }
        if (verb != null) {
            metrics.command(verb, reply.code());
        }
        if (reply.code() >= 500) {
            errors++;
            addressErrors.spend(info.remoteIp());
        }
        write(reply);
        switch (outcome.after()) {
            case CLOSE -> driver.closeAfterWrites();
            // RFC 3207 §4.2: the session then waits for a new EHLO.
            case START_TLS -> driver.startTls(() -> info = info.withTls());
            case CONTINUE -> {
                if (errors >= limits.maxErrors() || reply.code() >= 500 && addressErrors.exhausted(info.remoteIp())) {
                    write(SmtpReply.of(421, "4.7.0", limits.hostname() + " Too many errors, closing connection"));
                    driver.closeAfterWrites();
                }
            }
        }
    }

    private static boolean holdsChunks(SmtpState state) {
        return state instanceof SmtpState.MailTransaction transaction && transaction.chunking()
                || state instanceof SmtpState.ReceivingChunk chunk && chunk.kept();
    }

    private void write(SmtpReply reply) {
        driver.write(SmtpReplyEncoder.encode(reply));
    }
}
