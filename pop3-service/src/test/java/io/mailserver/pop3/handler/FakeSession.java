package io.mailserver.pop3.handler;

import io.mailserver.pop3.reply.ReplyChannel;
import io.mailserver.pop3.session.Pop3Session;
import io.mailserver.pop3.session.Pop3State;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** A session without a socket: output is collected, the context runs tasks at once. */
final class FakeSession implements Pop3Session, ReplyChannel {

    Pop3State state;
    boolean tls;
    boolean writeQueueFull;
    final Buffer written = Buffer.buffer();
    final List<Runnable> closeActions = new ArrayList<>();
    private Runnable drained;

    FakeSession(Pop3State state) {
        this.state = state;
    }

    String sent() {
        return written.toString(StandardCharsets.ISO_8859_1);
    }

    /** The socket's queue emptied. */
    void drain() {
        writeQueueFull = false;
        Runnable action = drained;
        drained = null;
        if (action != null) {
            action.run();
        }
    }

    void close() {
        closeActions.forEach(Runnable::run);
    }

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
        return "192.0.2.1";
    }

    @Override
    public Executor context() {
        return Runnable::run;
    }

    @Override
    public ReplyChannel output() {
        return this;
    }

    @Override
    public void onClose(Runnable action) {
        closeActions.add(action);
    }

    @Override
    public void write(Buffer bytes) {
        written.appendBuffer(bytes);
    }

    @Override
    public boolean writeQueueFull() {
        return writeQueueFull;
    }

    @Override
    public void whenDrained(Runnable action) {
        if (writeQueueFull) {
            drained = action;
        } else {
            action.run();
        }
    }
}
