package io.mailserver.pop3.reply;

import io.vertx.core.buffer.Buffer;

/**
 * The connection's output as a handler streaming a long response (RETR, TOP) sees it: bytes go out
 * in order, and the writer is told when to pause so that a large message never piles up in memory.
 * Used only on the connection's Vert.x context.
 */
public interface ReplyChannel {

    void write(Buffer bytes);

    /** True while the socket's write queue is above its high-water mark: stop producing. */
    boolean writeQueueFull();

    /** Runs {@code action} once, when the write queue has drained (immediately if it is not full). */
    void whenDrained(Runnable action);
}
