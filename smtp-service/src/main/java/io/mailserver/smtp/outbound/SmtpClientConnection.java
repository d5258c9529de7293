package io.mailserver.smtp.outbound;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * One connection to a remote SMTP server, one command at a time: a command line goes out, the next
 * reply comes back, each within its timeout (RFC 5321 §4.5.3.2). Everything runs on the socket's
 * context; a failure (timeout, broken reply, closed connection) closes the socket and fails the
 * command in progress and every later one.
 */
final class SmtpClientConnection {

    /** The connection broke: closed, timed out, or the server broke the protocol. */
    static final class ConnectionLost extends RuntimeException {
        ConnectionLost(String message) {
            super(message);
        }
    }

    private final Vertx vertx;
    private final NetSocket socket;
    private final Context context;
    private final RemoteReplyReader reader = new RemoteReplyReader();
    private UniEmitter<? super RemoteReply> waiting;
    private long timer = -1;
    /** Why the connection is unusable, null while it is fine; read from other threads by {@link #open()}. */
    private volatile String broken;
    private volatile boolean suspended;
    private boolean tls;

    private SmtpClientConnection(Vertx vertx, NetSocket socket, Context context) {
        this.vertx = vertx;
        this.socket = socket;
        this.context = context;
        socket.handler(this::received);
        socket.closeHandler(v -> fail("connection closed by the server"));
        socket.exceptionHandler(e -> fail("connection error: " + e.getMessage()));
    }

    /**
     * Connects from one event-loop context, which the socket then belongs to: its handlers and every
     * method here run on that one thread, whatever thread asked (a DNS callback, a gRPC thread).
     */
    static Uni<SmtpClientConnection> open(Vertx vertx, NetClient client, String host, int port) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = vertx.getOrCreateContext();
            context.runOnContext(v -> client.connect(port, host).onComplete(connected -> {
                if (connected.succeeded()) {
                    emitter.complete(new SmtpClientConnection(vertx, connected.result(), context));
                } else {
                    emitter.fail(connected.cause());
                }
            }));
        });
    }

    boolean tls() {
        return tls;
    }

    /** Whether the connection is still usable: not closed, failed or broken by either side. */
    boolean open() {
        return broken == null;
    }

    /**
     * Parked between transactions: a server that speaks now (a 421 before it closes, say) breaks the
     * connection, so that no later command reads that line as its reply.
     */
    void suspend() {
        suspended = true;
    }

    void resume() {
        suspended = false;
    }

    /** The chain the server presented in the TLS handshake, the server's own certificate first. */
    List<Certificate> peerCertificates() {
        try {
            return socket.peerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    /** The next reply (the greeting, or the one a pipelined command is owed). */
    Uni<RemoteReply> reply(Duration timeout) {
        return Uni.createFrom().<RemoteReply>emitter(emitter -> context.runOnContext(v -> await(emitter, timeout)));
    }

    /** Sends one command line (CRLF added) and reads its reply. */
    Uni<RemoteReply> command(String line, Duration timeout) {
        if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
            return Uni.createFrom().failure(new IllegalArgumentException("a command line holds no CR or LF"));
        }
        return Uni.createFrom().<RemoteReply>emitter(emitter -> context.runOnContext(v -> {
            if (broken == null) {
                socket.write(Buffer.buffer(line + "\r\n", StandardCharsets.UTF_8.name()));
            }
            await(emitter, timeout);
        }));
    }

    /** Writes content, waiting while the socket's queue is full (the remote server reads slowly). */
    Uni<Void> write(Buffer bytes) {
        return Uni.createFrom().<Void>emitter(emitter -> context.runOnContext(v -> {
            if (broken != null) {
                emitter.fail(new ConnectionLost(broken));
                return;
            }
            socket.write(bytes);
            if (!socket.writeQueueFull()) {
                emitter.complete(null);
            } else {
                socket.drainHandler(drained -> {
                    socket.drainHandler(null);
                    emitter.complete(null);
                });
            }
        }));
    }

    /** Upgrades to TLS after a 220 to STARTTLS; buffered plaintext from the server is a violation. */
    Uni<Void> startTls(String serverName) {
        return Uni.createFrom().<Void>emitter(emitter -> context.runOnContext(v -> {
            if (reader.buffered() > 0) {
                // bytes after the 220 before the handshake: possibly injected (CVE-2011-0411's mirror)
                fail("the server sent data after its STARTTLS reply");
                emitter.fail(new ConnectionLost(broken));
                return;
            }
            socket.upgradeToSsl(serverName, done -> {
                if (done.succeeded()) {
                    tls = true;
                    emitter.complete(null);
                } else {
                    fail("TLS handshake failed: " + done.cause().getMessage());
                    emitter.fail(new ConnectionLost(broken));
                }
            });
        }));
    }

    /** QUIT without waiting long for its reply, then close. */
    Uni<Void> quit(Duration timeout) {
        return command("QUIT", timeout).onItemOrFailure().transformToUni((reply, failure) -> close());
    }

    /**
     * Closes the connection; completes once the socket is closed, not when closing is merely asked
     * for: whoever waits on a delivery (a per-domain slot) must not open the next connection to that
     * server while this one still counts against it there.
     */
    Uni<Void> close() {
        return Uni.createFrom().<Void>emitter(emitter -> context.runOnContext(v -> {
            if (broken == null) {
                broken = "closed";
            }
            // the same future for every call, complete once the channel is closed, whoever closed it
            socket.close().onComplete(closed -> emitter.complete(null));
        }));
    }

    private void await(UniEmitter<? super RemoteReply> emitter, Duration timeout) {
        if (broken != null) {
            emitter.fail(new ConnectionLost(broken));
            return;
        }
        waiting = emitter;
        timer = vertx.setTimer(timeout.toMillis(), t -> {
            timer = -1;
            fail("no reply within " + timeout.toSeconds() + " s");
        });
        deliver();
    }

    private void received(Buffer bytes) {
        if (suspended) {
            fail("the server spoke while the connection was idle");
            return;
        }
        reader.append(bytes);
        deliver();
    }

    private void deliver() {
        if (waiting == null) {
            return;
        }
        RemoteReply reply;
        try {
            reply = reader.next().orElse(null);
        } catch (RemoteReplyReader.ProtocolError e) {
            fail("protocol error: " + e.getMessage());
            return;
        }
        if (reply != null) {
            UniEmitter<? super RemoteReply> emitter = waiting;
            waiting = null;
            cancelTimer();
            emitter.complete(reply);
        }
    }

    private void fail(String reason) {
        if (broken == null || broken.equals("closed")) {
            broken = reason;
        }
        cancelTimer();
        socket.close();
        if (waiting != null) {
            UniEmitter<? super RemoteReply> emitter = waiting;
            waiting = null;
            emitter.fail(new ConnectionLost(reason));
        }
    }

    private void cancelTimer() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
