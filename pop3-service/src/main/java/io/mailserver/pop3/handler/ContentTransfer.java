package io.mailserver.pop3.handler;

import io.grpc.Status;
import io.mailserver.contracts.storage.v1.MessageAttributes;
import io.mailserver.contracts.storage.v1.SectionChunk;
import io.mailserver.pop3.client.ContentStream;
import io.mailserver.pop3.reply.Pop3Reply;
import io.mailserver.pop3.reply.ReplyChannel;
import io.mailserver.pop3.reply.ReplyEncoder;
import io.mailserver.pop3.reply.ResponseCode;
import io.mailserver.pop3.session.Pop3Session;
import io.mailserver.protocol.lines.CrlfNormalizer;
import io.mailserver.protocol.lines.DotStuffingEncoder;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.buffer.Buffer;
import org.jboss.logging.Logger;

/**
 * Moves one message from a storage stream to the client as a multi-line response, one gRPC message
 * at a time: the next one is asked for only when the socket's write queue has room, so memory use
 * stays at one chunk whatever the message size. Whatever line endings the message was stored with,
 * every line goes out ending in CRLF and dot-stuffed (RFC 1939 §3), so a client that splits lines at
 * LF and one that insists on CRLF read the same message and the same replies after it.
 *
 * <p>The "+OK" line goes out only once storage has confirmed the message still exists (its
 * attributes come first), so a message expunged by another session meanwhile gets a clean "-ERR".
 * A failure after "+OK" cannot be reported in band; the connection is closed instead, which a
 * client sees as a truncated response rather than as a wrong message.
 */
final class ContentTransfer implements ContentStream.Listener {

    private static final Logger LOG = Logger.getLogger(ContentTransfer.class);

    private final ReplyChannel out;
    private final ContentStream stream;
    private final Pop3Reply.Ok status;
    private final ContentShape shape;
    private final UniEmitter<? super Outcome> done;
    private final CrlfNormalizer lineEndings = new CrlfNormalizer();
    private final DotStuffingEncoder stuffing = new DotStuffingEncoder();
    private boolean started;
    private boolean finished;

    private ContentTransfer(ReplyChannel out, ContentStream stream, Pop3Reply.Ok status, ContentShape shape,
            UniEmitter<? super Outcome> done) {
        this.out = out;
        this.stream = stream;
        this.status = status;
        this.shape = shape;
        this.done = done;
    }

    /** Starts the transfer when subscribed (on the connection's context); completes when it is over. */
    static Uni<Outcome> run(Pop3Session session, ContentStream stream, Pop3Reply.Ok status, ContentShape shape) {
        return Uni.createFrom().emitter(emitter -> {
            ContentTransfer transfer = new ContentTransfer(session.output(), stream, status, shape, emitter);
            session.onClose(transfer::abandon);
            stream.start(transfer, session.context());
        });
    }

    @Override
    public void onAttributes(MessageAttributes attributes) {
        if (finished) {
            return;
        }
        begin();
        stream.request();
    }

    @Override
    public void onChunk(SectionChunk chunk) {
        if (finished) {
            return;
        }
        begin();
        // Stored mail may have bare CR or LF; the client gets CRLF only, so no reader can lose its place.
        Buffer data = lineEndings.normalize(Buffer.buffer(chunk.getData().toByteArray()));
        if (chunk.getLast()) {
            data.appendBuffer(lineEndings.finish());
        }
        Buffer piece = shape.accept(chunk.getSectionIndex(), data, chunk.getLast());
        if (piece.length() > 0) {
            out.write(stuffing.encode(piece));
        }
        if (shape.complete()) {
            stream.cancel();
            finish();
            return;
        }
        out.whenDrained(stream::request);
    }

    @Override
    public void onCompleted() {
        if (finished) {
            return;
        }
        if (!started) {
            // Storage knows no such UID any more: expunged by another session since the snapshot.
            finished = true;
            done.complete(Outcome.reply(Pop3Reply.err("Message no longer exists")));
            return;
        }
        finish();
    }

    @Override
    public void onFailed(Throwable failure) {
        if (finished) {
            return;
        }
        finished = true;
        if (started) {
            LOG.warnf("Message stream failed after the reply began; closing the connection: %s", failure.toString());
            done.complete(new Outcome.Streamed(Outcome.After.CLOSE));
            return;
        }
        Status.Code code = Status.fromThrowable(failure).getCode();
        if (code == Status.Code.NOT_FOUND) {
            done.complete(Outcome.reply(Pop3Reply.err("Message no longer exists")));
        } else {
            LOG.warnf("Message stream failed: %s", failure.toString());
            done.complete(Outcome.reply(Pop3Reply.err(ResponseCode.SYS_TEMP,
                    "Message store temporarily unavailable, try again later")));
        }
    }

    private void begin() {
        if (!started) {
            started = true;
            out.write(ReplyEncoder.encode(status));
        }
    }

    private void finish() {
        finished = true;
        Buffer tail = shape.end();
        if (tail.length() > 0) {
            out.write(stuffing.encode(tail));
        }
        out.write(stuffing.finish());
        done.complete(new Outcome.Streamed(Outcome.After.CONTINUE));
    }

    /** The connection closed first: stop reading from storage. */
    private void abandon() {
        finished = true;
        stream.cancel();
    }
}
