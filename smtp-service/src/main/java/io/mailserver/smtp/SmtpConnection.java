package io.mailserver.smtp;

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
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.InputMode;
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
 * One client connection: feeds the socket's bytes to the {@link SmtpInputDecoder}, hands each
 * command to the {@link CommandDispatcher} strictly one at a time, and writes the replies in order.
 *
 * <p>All fields are confined to the connection's Vert.x context. A handler's result may complete on
 * a gRPC thread, so it is moved back onto the context before the state is touched. While a command
 * is being handled, or while the socket's write queue is full, the socket is paused: pipelined
 * commands wait in the kernel, not in memory (RFC 2920 §3.1 lets a server process them one by one).
 */
final class SmtpConnection {

    private static final Logger LOG = Logger.getLogger(SmtpConnection.class);

    /** What a connection needs from the configuration, resolved once. */
    record Limits(String hostname, int maxLineLength, long maxMessageSize, BareLineEndings bareLineEndings, int maxErrors,
            long idleMillis) {
    }

    private final NetSocket socket;
    private final Context context;
    private final CommandDispatcher dispatcher;
    private final SmtpMetrics metrics;
    private final Limits limits;
    private final Runnable onClosed;
    private final SmtpInputDecoder decoder;
    private final MessageMemory memory;

    private ConnectionInfo info;
    private SmtpState state = new SmtpState.Connected();
    /** The message being received while the state reads DATA. */
    private MessageContent message;
    /** A command (or the end of DATA) is being handled; nothing else is read until its reply is out. */
    private boolean busy;
    /** Between the 220 to STARTTLS and the end of the handshake; plaintext arriving now is dropped. */
    private boolean upgrading;
    /** Closing or closed: nothing more is read or handled. */
    private boolean closing;
    private boolean closed;
    private boolean paused;
    private int errors;
    private long idleTimer = -1;

    SmtpConnection(NetSocket socket, Context context, ConnectionInfo info, CommandDispatcher dispatcher,
            SmtpMetrics metrics, Limits limits, MessageMemory memory, Runnable onClosed) {
        this.socket = socket;
        this.context = context;
        this.info = info;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.limits = limits;
        this.memory = memory;
        this.onClosed = onClosed;
        this.decoder = new SmtpInputDecoder(limits.maxLineLength());
    }

    void start() {
        socket.handler(this::received);
        socket.closeHandler(v -> closed());
        socket.exceptionHandler(this::failed);
        socket.drainHandler(v -> process());
        write(SmtpReply.plain(220, limits.hostname() + " ESMTP ready"));
        armIdleTimer();
    }

    private void received(Buffer bytes) {
        metrics.bytesReceived(bytes.length());
        if (closing || upgrading) {
            // After STARTTLS's 220 and before the handshake, plaintext is never executed (RFC 3207 §4.2).
            return;
        }
        decoder.append(bytes);
        armIdleTimer();
        process();
    }

    /** Handles buffered input until a command goes asynchronous or more bytes are needed. */
    private void process() {
        while (!busy && !closing && !upgrading && !socket.writeQueueFull()) {
            SmtpInput input = decoder.next();
            if (input instanceof SmtpInput.CommandLine line) {
                SmtpCommand command = SmtpCommandParser.parse(line.text());
                await(command.verb(), dispatcher.dispatch(command, state, info));
            } else if (input instanceof SmtpInput.LineTooLong) {
                apply("LINE", dispatcher.lineTooLong(state));
            } else if (input instanceof SmtpInput.DataContent data) {
                // Once memory ran out the rest is read and dropped; the end of the data gets a 452.
                message.append(data.content());
                if (data.ended()) {
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
            } else {
                break;
            }
        }
        flowControl();
    }

    private void await(String verb, Uni<Outcome> outcome) {
        await(verb, outcome, () -> {
        });
    }

    /** Handles one command's outcome; {@code done} runs on the context once the outcome is known. */
    private void await(String verb, Uni<Outcome> outcome, Runnable done) {
        busy = true;
        outcome.emitOn(task -> context.runOnContext(v -> task.run()))
                .onTermination().invoke(done)
                .subscribe().with(
                        result -> {
                            busy = false;
                            apply(verb, result);
                            process();
                        },
                        failure -> {
                            // The dispatcher recovers every failure; this is the last line of defence.
                            LOG.error("unexpected failure handling a command", failure);
                            busy = false;
                            apply(verb, Outcome.of(state, SmtpReply.of(451, "4.3.0", "Internal error, try again later")));
                            process();
                        });
    }

    private void apply(String verb, Outcome outcome) {
        if (closing) {
            return;
        }
        state = outcome.next();
        SmtpReply reply = outcome.reply();
        if (verb != null) {
            metrics.command(verb, reply.code());
        }
        if (reply.code() >= 500) {
            errors++;
        }
        switch (outcome.after()) {
            case CLOSE -> closeAfter(reply);
            case START_TLS -> startTls(reply);
            case CONTINUE -> {
                write(reply);
                if (errors >= limits.maxErrors()) {
                    closeAfter(SmtpReply.of(421, "4.7.0", limits.hostname() + " Too many errors, closing connection"));
                } else if (state.inputMode() == InputMode.DATA && decoder.mode() == SmtpInputDecoder.Mode.COMMAND) {
                    decoder.startData(limits.maxMessageSize(), limits.bareLineEndings());
                    message = new MessageContent(memory);
                }
            }
        }
        armIdleTimer();
    }

    /**
     * RFC 3207 §4.2: after the 220 goes out, everything the client sent in plaintext is discarded and
     * the handshake starts; the session then waits for a new EHLO.
     */
    private void startTls(SmtpReply reply) {
        upgrading = true;
        socket.write(SmtpReplyEncoder.encode(reply)).onComplete(written -> {
            int dropped = decoder.discard();
            if (dropped > 0) {
                LOG.debugf("discarded %d plaintext bytes pipelined after STARTTLS from %s", dropped, info.remoteIp());
            }
            if (written.failed() || closing) {
                closeNow();
                return;
            }
            socket.upgradeToSsl().onComplete(handshake -> {
                upgrading = false;
                if (handshake.failed()) {
                    LOG.debugf("TLS handshake with %s failed: %s", info.remoteIp(), handshake.cause().getMessage());
                    closeNow();
                    return;
                }
                info = info.withTls();
                armIdleTimer();
                process();
            });
        });
        flowControl();
    }

    private void write(SmtpReply reply) {
        if (!closed) {
            socket.write(SmtpReplyEncoder.encode(reply));
        }
    }

    /** Reads only while nothing is in flight and the client reads its replies; always during a handshake. */
    private void flowControl() {
        boolean read = !closing && (upgrading || (!busy && !socket.writeQueueFull()));
        if (read && paused) {
            paused = false;
            socket.resume();
        } else if (!read && !paused && !closing) {
            paused = true;
            socket.pause();
        }
    }

    private void armIdleTimer() {
        if (idleTimer >= 0) {
            context.owner().cancelTimer(idleTimer);
        }
        idleTimer = closing ? -1 : context.owner().setTimer(limits.idleMillis(), id -> idle());
    }

    private void idle() {
        idleTimer = -1;
        if (closing) {
            return;
        }
        if (busy) {
            // Waiting on a peer service is not the client's silence.
            armIdleTimer();
            return;
        }
        closeAfter(SmtpReply.of(421, "4.4.2", limits.hostname() + " Idle timeout, closing connection"));
    }

    private void closeAfter(SmtpReply reply) {
        if (closing) {
            return;
        }
        closing = true;
        if (closed) {
            return;
        }
        socket.write(SmtpReplyEncoder.encode(reply)).onComplete(v -> socket.close());
    }

    private void closeNow() {
        closing = true;
        socket.close();
    }

    private void failed(Throwable failure) {
        LOG.debugf("connection from %s failed: %s", info.remoteIp(), failure.getMessage());
        closeNow();
    }

    private void closed() {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        if (message != null) {
            // Abandoned mid-transfer: nobody else will release it.
            message.release();
            message = null;
        }
        if (idleTimer >= 0) {
            context.owner().cancelTimer(idleTimer);
            idleTimer = -1;
        }
        onClosed.run();
    }
}
