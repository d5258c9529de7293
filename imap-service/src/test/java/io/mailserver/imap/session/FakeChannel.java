package io.mailserver.imap.session;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

/** A client channel for pure unit tests of session logic: records what is written, runs tasks at once. */
public final class FakeChannel implements ClientChannel {

    private boolean compressed;

    private final StringBuilder written = new StringBuilder();
    private boolean writeQueueFull;
    private Runnable drainAction;
    private boolean closed;

    /** Makes the write queue look full until {@link #drain()}. */
    public void fillWriteQueue() {
        writeQueueFull = true;
    }

    /** Empties the write queue and runs what waited for it. */
    public void drain() {
        writeQueueFull = false;
        Runnable action = drainAction;
        drainAction = null;
        if (action != null) {
            action.run();
        }
    }

    /** Lines written since the last call, without CRLF. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(Arrays.asList(written.toString().split("\r\n")));
        lines.removeIf(String::isEmpty);
        written.setLength(0);
        return lines;
    }

    @Override
    public void write(Buffer data) {
        written.append(data.toString(StandardCharsets.UTF_8));
    }

    @Override
    public boolean writeQueueFull() {
        return writeQueueFull;
    }

    @Override
    public void whenWritable(Runnable action) {
        drainAction = action;
    }

    @Override
    public LiteralFlow readLiteral(io.mailserver.imap.codec.MessageLiteral literal, LiteralSink sink) {
        sink.failed(new IllegalStateException("no input in this test"));
        return () -> { };
    }

    @Override
    public Uni<io.mailserver.imap.codec.CommandRest> readRest(boolean wrapped) {
        return Uni.createFrom().failure(new IllegalStateException("no input in this test"));
    }

    @Override
    public Uni<Buffer> readLine() {
        return Uni.createFrom().failure(new IllegalStateException("no input in this test"));
    }

    @Override
    public void startCompression() {
        compressed = true;
    }

    @Override
    public boolean compressed() {
        return compressed;
    }

    @Override
    public void startTls() {
    }

    @Override
    public boolean tls() {
        return false;
    }

    @Override
    public void authenticated() {
    }

    @Override
    public boolean admitAccount(long accountId) {
        return true;
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
    }

    @Override
    public Executor executor() {
        return Runnable::run;
    }

    @Override
    public void onClose(Runnable action) {
    }

    @Override
    public void removeOnClose(Runnable action) {
    }

    @Override
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
