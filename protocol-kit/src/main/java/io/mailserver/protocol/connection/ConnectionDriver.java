package io.mailserver.protocol.connection;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Drives one client connection of a line-based protocol (SMTP, IMAP, POP3) on the Vert.x context it
 * was accepted on. The protocol decodes its input and decides what a command does; the driver owns
 * what every protocol needs the same way:
 * <ul>
 * <li>one command at a time: {@link Protocol#step()} is asked for the next command only while none
 * runs, and a command's result is brought back onto the context before the protocol sees it;</li>
 * <li>flow control: the socket is read only while the protocol has room for more input and the client
 * reads its replies, so a client pipelining without end is held back by TCP, not by memory;</li>
 * <li>the idle timer: silence from the client for longer than the protocol's timeout ends the
 * connection. A command the server is still running is not silence, but a client that stopped
 * reading its output is: it would otherwise hold what the command holds (a storage stream) for
 * ever;</li>
 * <li>STARTTLS: plaintext buffered or still arriving before the handshake is never executed;</li>
 * <li>ending a session from outside (its account was disabled): at once between commands, after the
 * running command otherwise, within a grace period at most;</li>
 * <li>closing: once, with cleanup actions run whichever side closed;</li>
 * <li>output: small writes of one turn of the context go to the socket together (see
 * {@link #write}).</li>
 * </ul>
 * Every method except {@link #end} must be called on the connection's context.
 */
public final class ConnectionDriver {

    private static final Logger LOG = Logger.getLogger(ConnectionDriver.class);
    /** How long a command may still run after its session was told to end. */
    private static final long END_GRACE_MILLIS = 5000;
    /** How long a closing connection waits for a client that does not read its last reply. */
    private static final long CLOSE_GRACE_MILLIS = 5000;
    /** Output held back is written once it reaches this size, or when the context's turn ends. */
    static final int COALESCE_BYTES = 16 * 1024;

    /** What the driver asks of the protocol; called on the connection's context only. */
    public interface Protocol {

        /** Octets from the client, in order: adds them to the protocol's input. */
        void received(Buffer octets);

        /**
         * Takes the next step on buffered input while no command runs: starts one command through
         * {@link ConnectionDriver#run}, or answers one malformed input itself. False when more input
         * is needed first.
         */
        boolean step();

        /**
         * Gives buffered input to the running command (an IMAP literal, a line it waits for); called
         * instead of {@link #step()} while a command runs.
         */
        default void feedRunningCommand() {
        }

        /** Whether the protocol has room for more input now; the socket is paused while it has not. */
        boolean wantsInput();

        /** Drops all buffered input before a TLS handshake; returns how many octets were dropped. */
        int discardInput();

        /** True while the running command waits for the client (IDLE, a literal): its silence counts. */
        default boolean waitingForClient() {
            return false;
        }

        /** How long the client may stay silent now. */
        long idleTimeoutMillis();

        /** The client was silent for too long: writes the goodbye, if the protocol has one; the driver closes. */
        void idleTimedOut();

        /** The connection is closed: releases what the protocol holds. Called once. */
        void connectionClosed();
    }

    private final NetSocket socket;
    private final Context context;
    private final Executor executor;
    private final Protocol protocol;
    private final String remoteAddress;
    private final List<Runnable> closeActions = new ArrayList<>();
    private final List<Runnable> drainActions = new ArrayList<>();

    private boolean busy;
    private boolean upgrading;
    private boolean paused;
    /** No more input is handled: a goodbye may still be on its way out. */
    private boolean closing;
    private boolean closed;
    private boolean tls;
    private long lastActivity;
    private long idleTimer = -1;
    /** The goodbye to send once the running command is done, when the session was told to end. */
    private Runnable ending;
    /** Small writes not yet handed to the socket, or null. */
    private Buffer pending;
    private boolean flushScheduled;
    /** What output passes through on its way to the socket (IMAP COMPRESS=DEFLATE), or null. */
    private UnaryOperator<Buffer> outputTransform;

    public ConnectionDriver(NetSocket socket, Context context, Protocol protocol) {
        this.socket = socket;
        this.context = context;
        this.executor = task -> context.runOnContext(v -> task.run());
        this.protocol = protocol;
        this.remoteAddress = socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress();
        this.tls = socket.isSsl();
    }

    /** Starts reading and the idle timer; the protocol writes its greeting itself. */
    public void start() {
        socket.handler(this::received);
        socket.closeHandler(v -> cleanUp());
        socket.exceptionHandler(failure -> {
            LOG.debugf("connection from %s failed: %s", remoteAddress, failure.toString());
            close();
        });
        socket.drainHandler(v -> drained());
        lastActivity = System.nanoTime();
        armIdleTimer(protocol.idleTimeoutMillis());
    }

    private void received(Buffer octets) {
        if (closing) {
            return;
        }
        if (upgrading && !socket.isSsl()) {
            // sent in plaintext after STARTTLS, before the TLS layer was in place: never executed
            return;
        }
        lastActivity = System.nanoTime();
        protocol.received(octets);
        process();
    }

    /**
     * Handles buffered input: the next commands while none runs, else the running command's input;
     * then reads from the socket again or stops, as the protocol has room. The protocol calls it
     * when its input can go on (a running command asks for more).
     */
    public void process() {
        if (closing) {
            return;
        }
        if (busy) {
            protocol.feedRunningCommand();
        } else {
            while (!busy && !closing && !upgrading && !socket.writeQueueFull() && protocol.step()) {
                // one step per decoded input
            }
        }
        flowControl();
    }

    private void flowControl() {
        boolean read = !closing && (upgrading || (protocol.wantsInput() && !socket.writeQueueFull()));
        if (read && paused) {
            paused = false;
            socket.resume();
        } else if (!read && !paused && !closing) {
            paused = true;
            socket.pause();
        }
    }

    /**
     * Runs one command: nothing else is decoded until {@code done} or {@code failed} ran on the
     * context. They run even when the connection closed meanwhile (to release what the command
     * holds); they check {@link #closed()} before writing.
     */
    public <T> void run(Supplier<Uni<? extends T>> command, Consumer<T> done, Consumer<Throwable> failed) {
        busy = true;
        Uni.createFrom().<T>deferred(command)
                .emitOn(executor)
                .subscribe().with(result -> finished(() -> done.accept(result)),
                        failure -> finished(() -> failed.accept(failure)));
    }

    private void finished(Runnable callback) {
        busy = false;
        lastActivity = System.nanoTime();
        callback.run();
        if (closing || busy) {
            return;
        }
        if (ending != null) {
            Runnable goodbye = ending;
            ending = null;
            goodbye.run();
            closeAfterWrites();
            return;
        }
        process();
    }

    /**
     * The session may no longer go on (its account was disabled or removed): {@code goodbye} writes
     * the protocol's last words, then the connection closes. At once between commands or while the
     * running command waits for the client; after the running command otherwise, whose response must
     * not be cut, but within a few seconds at most. Safe from any thread.
     */
    public void end(Runnable goodbye) {
        executor.execute(() -> {
            if (closing) {
                return;
            }
            if (!busy || protocol.waitingForClient()) {
                goodbye.run();
                closeAfterWrites();
                return;
            }
            ending = goodbye;
            context.owner().setTimer(END_GRACE_MILLIS, id -> close());
        });
    }

    /**
     * RFC 3207 §4.2, RFC 9051 §6.2.1, RFC 2595 §4: after the reply to STARTTLS is written, buffered
     * plaintext is dropped and the handshake starts; commands are read again once it completed, and
     * {@code secured} runs first. A connection paused before the command may hold more plaintext in
     * the socket's own queue, where it could not be told from decrypted input: it is closed instead.
     */
    public void startTls(Runnable secured) {
        if (closing) {
            return;
        }
        int dropped = protocol.discardInput();
        if (dropped > 0) {
            LOG.debugf("discarded %d octets of plaintext pipelined after STARTTLS from %s", dropped, remoteAddress);
        }
        if (paused) {
            close();
            return;
        }
        // the reply to STARTTLS goes out in plaintext, before the handshake
        flush();
        upgrading = true;
        socket.upgradeToSsl(result -> {
            upgrading = false;
            if (result.failed()) {
                LOG.debugf("TLS handshake with %s failed: %s", remoteAddress, result.cause().toString());
                close();
                return;
            }
            tls = true;
            lastActivity = System.nanoTime();
            secured.run();
            process();
        });
    }

    /**
     * Writes to the client unless the connection is closed; a goodbye still goes out while closing.
     *
     * <p>Every write of every part of a protocol goes through here, in order, and small ones are
     * held back until the context's current turn ends (or {@link #COALESCE_BYTES} are held): a FETCH
     * of FLAGS over 100,000 messages is 200,000 small pieces, pipelined SMTP replies are a handful,
     * and each write to the socket is a TLS record and a system call of its own. Holding back here,
     * and nowhere else, is what keeps one writer's octets from overtaking another's (a FLAGS
     * announcement written into a FETCH response another writer still held was a bug of that kind).
     */
    public void write(Buffer octets) {
        if (closed) {
            return;
        }
        if (octets.length() >= COALESCE_BYTES) {
            flush();
            socket.write(transformed(octets));
            return;
        }
        if (pending == null) {
            pending = Buffer.buffer(Math.max(256, octets.length()));
        }
        pending.appendBuffer(octets);
        if (pending.length() >= COALESCE_BYTES) {
            flush();
        } else if (!flushScheduled) {
            flushScheduled = true;
            executor.execute(() -> {
                flushScheduled = false;
                flush();
            });
        }
    }

    /** Hands what {@link #write} held back to the socket. */
    private void flush() {
        if (pending != null) {
            Buffer out = pending;
            pending = null;
            if (!closed) {
                socket.write(transformed(out));
            }
        }
    }

    private Buffer transformed(Buffer octets) {
        return outputTransform == null ? octets : outputTransform.apply(octets);
    }

    /**
     * From now on, output passes through {@code transform} as it goes to the socket, a batch at a
     * time (IMAP COMPRESS=DEFLATE: one deflate flush per batch, not per response line). What was
     * written before goes out as it was.
     */
    public void transformOutput(UnaryOperator<Buffer> transform) {
        flush();
        outputTransform = transform;
    }

    /** True while the socket's write queue is over its limit: stop producing until {@link #whenWritable}. */
    public boolean writeQueueFull() {
        // what write holds back is bounded by COALESCE_BYTES and not counted
        return !closed && socket.writeQueueFull();
    }

    /** Runs {@code action} on the context once the write queue has room (on a later turn if it has now). */
    public void whenWritable(Runnable action) {
        if (closed) {
            return;
        }
        if (!socket.writeQueueFull()) {
            executor.execute(() -> {
                if (!closed) {
                    action.run();
                }
            });
            return;
        }
        drainActions.add(action);
    }

    private void drained() {
        // the client took our output: it is there, whatever it sends
        lastActivity = System.nanoTime();
        List<Runnable> actions = List.copyOf(drainActions);
        drainActions.clear();
        for (Runnable action : actions) {
            if (!closed) {
                action.run();
            }
        }
        process();
    }

    /** Closes once everything written so far reached the client (or a few seconds passed). */
    public void closeAfterWrites() {
        if (closing) {
            return;
        }
        closing = true;
        cancelIdleTimer();
        if (closed) {
            return;
        }
        flush();
        long fallback = context.owner().setTimer(CLOSE_GRACE_MILLIS, id -> close());
        socket.write(Buffer.buffer()).onComplete(written -> {
            context.owner().cancelTimer(fallback);
            close();
        });
    }

    /** Closes at once; cleanup runs before this returns. */
    public void close() {
        closing = true;
        if (closed) {
            return;
        }
        flush();
        socket.close();
        cleanUp();
    }

    private void cleanUp() {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        cancelIdleTimer();
        drainActions.clear();
        pending = null;
        try {
            protocol.connectionClosed();
        } catch (RuntimeException e) {
            LOG.debug("connection cleanup failed", e);
        }
        List<Runnable> actions = List.copyOf(closeActions);
        closeActions.clear();
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.debug("cleanup action failed", e);
            }
        }
    }

    /** Runs {@code action} when the connection closes, or now if it has. */
    public void onClose(Runnable action) {
        if (closed) {
            action.run();
        } else {
            closeActions.add(action);
        }
    }

    /** Forgets an action given to {@link #onClose}. */
    public void removeOnClose(Runnable action) {
        closeActions.remove(action);
    }

    public boolean closed() {
        return closed;
    }

    /** Closed, or closing after a goodbye: no command runs any more. */
    public boolean closing() {
        return closing;
    }

    /** A command is running. */
    public boolean busy() {
        return busy;
    }

    /** True when TLS protects the connection (implicit TLS or after STARTTLS). */
    public boolean tls() {
        return tls;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    /** Runs tasks on the connection's context. */
    public Executor executor() {
        return executor;
    }

    // ------------------------------------------------------------------ idle timeout

    private void armIdleTimer(long delayMillis) {
        idleTimer = context.owner().setTimer(Math.max(1, delayMillis), id -> checkIdle());
    }

    private void cancelIdleTimer() {
        if (idleTimer >= 0) {
            context.owner().cancelTimer(idleTimer);
            idleTimer = -1;
        }
    }

    private void checkIdle() {
        idleTimer = -1;
        if (closing) {
            return;
        }
        long now = System.nanoTime();
        if (busy && !protocol.waitingForClient() && !socket.writeQueueFull()) {
            // waiting on a peer service is not the client's silence; output it does not read is
            lastActivity = now;
        }
        long idle = (now - lastActivity) / 1_000_000;
        long timeout = protocol.idleTimeoutMillis();
        if (idle >= timeout) {
            protocol.idleTimedOut();
            closeAfterWrites();
        } else {
            armIdleTimer(timeout - idle);
        }
    }
}
