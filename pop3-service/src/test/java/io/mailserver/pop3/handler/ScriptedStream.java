package io.mailserver.pop3.handler;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.mailserver.contracts.storage.v1.MessageAttributes;
import io.mailserver.contracts.storage.v1.SectionChunk;
import io.mailserver.pop3.client.ContentStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** A content stream that plays a script, one event per request, only when {@link #pump()} is called. */
final class ScriptedStream implements ContentStream {

    private final Deque<Consumer<Listener>> events = new ArrayDeque<>();
    private Listener listener;
    int demand;
    int requests;
    boolean cancelled;

    ScriptedStream attributes(long size) {
        events.add(l -> l.onAttributes(MessageAttributes.newBuilder().setSize(size).build()));
        return this;
    }

    ScriptedStream chunk(int section, String data, boolean last) {
        SectionChunk chunk = SectionChunk.newBuilder().setSectionIndex(section)
                .setData(ByteString.copyFrom(data, StandardCharsets.ISO_8859_1)).setLast(last).build();
        events.add(l -> l.onChunk(chunk));
        return this;
    }

    ScriptedStream completed() {
        events.add(Listener::onCompleted);
        return this;
    }

    ScriptedStream failed(Status status) {
        events.add(l -> l.onFailed(status.asRuntimeException()));
        return this;
    }

    /** Delivers events while there is demand; returns how many were delivered. */
    int pump() {
        int delivered = 0;
        while (demand > 0 && !events.isEmpty() && !cancelled) {
            demand--;
            delivered++;
            events.poll().accept(listener);
        }
        if (cancelled && listener != null) {
            listener.onFailed(Status.CANCELLED.asRuntimeException());
            listener = null;
        }
        return delivered;
    }

    @Override
    public void start(Listener listener, Executor context) {
        this.listener = listener;
        demand = 1;
        requests = 1;
    }

    @Override
    public void request() {
        demand++;
        requests++;
    }

    @Override
    public void cancel() {
        cancelled = true;
    }
}
