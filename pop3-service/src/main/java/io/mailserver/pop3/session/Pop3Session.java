package io.mailserver.pop3.session;

import io.mailserver.pop3.reply.ReplyChannel;
import java.util.concurrent.Executor;

/**
 * What a handler may know about the connection it serves, and the two things it may do with it
 * besides returning an outcome: stream a long response, and arrange for work to be stopped if the
 * connection goes away. Every method must be called on the connection's Vert.x context.
 */
public interface Pop3Session {

    Pop3State state();

    /** Whether this connection is protected by TLS (implicit port or after STLS). */
    boolean tls();

    /** The client's IP address. */
    String remoteAddress();

    /**
     * Runs tasks on the connection's Vert.x context. Results of peer calls must come back through
     * it, because the session state is confined to that context.
     */
    Executor context();

    /** The output, for responses streamed in pieces. */
    ReplyChannel output();

    /**
     * Registers work to stop when the connection closes before the current command completes (for
     * example a gRPC stream feeding RETR). Forgotten once the command completes.
     */
    void onClose(Runnable action);
}
