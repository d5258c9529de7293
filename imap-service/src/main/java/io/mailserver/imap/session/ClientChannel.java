package io.mailserver.imap.session;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.Executor;

/**
 * The client connection as handlers see it: output with back-pressure, the one input handlers read
 * themselves (the client's answer to a continuation request), and connection-level actions. All
 * methods must be called on the connection's Vert.x context, which {@link #executor()} runs on.
 */
public interface ClientChannel {

    void write(Buffer data);

    /** True while the socket's write queue is over its limit: stop producing until {@link #whenWritable}. */
    boolean writeQueueFull();

    /** Runs {@code action} on the connection's context once the write queue has drained. */
    void whenWritable(Runnable action);

    /**
     * The next line the client sends, outside command framing (an AUTHENTICATE response,
     * RFC 9051 §6.2.2). Fails with {@link IllegalStateException} when the line is too long or the
     * connection closes.
     */
    Uni<Buffer> readLine();

    /**
     * Drops buffered plaintext and starts the TLS handshake; commands are read again only once it
     * completed (RFC 9051 §6.2.1). Call after the tagged OK is written.
     */
    void startTls();

    /** True when TLS protects the connection (implicit TLS or after STARTTLS). */
    boolean tls();

    /** Raises the limits and the idle timeout to their authenticated values. */
    void authenticated();

    String remoteAddress();

    /** Runs tasks on the connection's Vert.x context; session state is confined to it. */
    Executor executor();

    /** Registers cleanup for when the connection closes (cancelling a running storage stream). */
    void onClose(Runnable action);

    /** Forgets an action given to {@link #onClose} (the stream it would cancel has ended). */
    void removeOnClose(Runnable action);

    boolean closed();

    void close();
}
