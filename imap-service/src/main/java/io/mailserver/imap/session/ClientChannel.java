package io.mailserver.imap.session;

import io.mailserver.imap.codec.CommandRest;
import io.mailserver.imap.codec.MessageLiteral;
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
     * Streams the octets of {@code literal} to {@code sink} as they arrive: the running command's
     * message literal, or the next one {@link #readRest} announced. A synchronising literal gets
     * its continuation request here, so the client sends it only once someone reads it. Call at most
     * once per literal.
     */
    LiteralFlow readLiteral(MessageLiteral literal, LiteralSink sink);

    /**
     * The rest of the command line after a message literal: its end, or one more message whose
     * literal {@link #readLiteral} may read next. Whatever of the command a handler leaves unread
     * when it completes is skipped by the connection, so its octets are never taken for commands.
     * {@code wrapped}: the literal was the message of {@code UTF8 (...)}, so a ")" must come first.
     */
    Uni<CommandRest> readRest(boolean wrapped);

    /** Receives a message literal on the connection's context. */
    interface LiteralSink {
        /** The next octets, in order; false asks for no more until {@link LiteralFlow#resume()}. */
        boolean data(Buffer octets);

        /** Every announced octet was delivered. */
        void end();

        /** The connection closed first. */
        void failed(Throwable failure);
    }

    /** Flow control of a literal being read. */
    interface LiteralFlow {
        /** Delivers again after {@link LiteralSink#data} returned false. */
        void resume();
    }

    /**
     * Drops buffered plaintext and starts the TLS handshake; commands are read again only once it
     * completed (RFC 9051 §6.2.1). Call after the tagged OK is written.
     */
    void startTls();

    /** RFC 4978: everything after the command's tagged OK, both ways, is raw deflate. */
    void startCompression();

    /** Whether COMPRESS=DEFLATE is active. */
    boolean compressed();

    /** True when TLS protects the connection (implicit TLS or after STARTTLS). */
    boolean tls();

    /** Raises the limits and the idle timeout to their authenticated values. */
    void authenticated();

    /**
     * Takes one of the account's connection slots on this instance (and registers the session, so
     * the account's end can close it) before the session becomes authenticated; false when the
     * account is at its limit here or the client has already gone.
     */
    boolean admitAccount(long accountId);

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
