package io.mailserver.imap.handler;

import io.mailserver.imap.client.FetchedAttributes;
import io.mailserver.imap.client.SectionData;
import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.FetchAttribute.MessageItem;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.FetchItem;
import io.mailserver.imap.reply.ResponseEncoder;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.MessageNumbers;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Writes one FetchMessages stream to the client as untagged FETCH responses, on the connection's
 * context. Section data goes out as a literal chunk by chunk (the first chunk announces the size),
 * and the next stream element is requested only while the socket's write queue has room, so a
 * 50 MB message passes through without being held.
 *
 * <p>If the stream breaks inside a literal, the client cannot be given a well-formed response any
 * more: the connection is closed. Between messages, the open response is finished and the
 * command fails with a tagged NO.
 *
 * <p>Many small responses (FETCH FLAGS over 100,000 messages) reach the socket in batches: the
 * connection holds small writes back until its context's turn ends (ConnectionDriver#write).
 */
final class FetchWriter implements StorageClient.FetchListener {

    private static final Logger LOG = Logger.getLogger(FetchWriter.class);

    private final ImapSession session;
    private final FetchHandler.Plan plan;
    private final MessageNumbers numbers;
    private final UniEmitter<? super Completion> emitter;
    private final String okText;
    private StorageClient.FetchStream stream;
    private final Runnable cancelOnClose = this::connectionClosed;

    /** The message whose response is open, or 0. */
    private int openUid;
    private boolean firstItem;
    private boolean[] sectionsWritten;
    /** Index of the section whose literal is being written, or -1. */
    private int openSection = -1;
    private long literalRemaining;
    private boolean done;

    FetchWriter(ImapSession session, FetchHandler.Plan plan, MessageNumbers numbers,
            UniEmitter<? super Completion> emitter, String okText) {
        this.session = session;
        this.plan = plan;
        this.numbers = numbers;
        this.emitter = emitter;
        this.okText = okText;
    }

    /** Opens the stream through {@code open} (StorageClient#fetch with this writer as listener). */
    void start(java.util.function.Function<StorageClient.FetchListener, StorageClient.FetchStream> open) {
        session.channel().onClose(cancelOnClose);
        emitter.onTermination(this::cancel);
        stream = open.apply(this);
    }

    @Override
    public void onAttributes(int uid, FetchedAttributes attributes) {
        if (done) {
            return;
        }
        try {
            closeMessage();
        } catch (StreamMismatch e) {
            mismatch(e);
            return;
        }
        openMessage(uid, attributes);
        next();
    }

    @Override
    public void onChunk(int uid, SectionData chunk) {
        if (done) {
            return;
        }
        try {
            chunk(uid, chunk);
        } catch (StreamMismatch e) {
            mismatch(e);
            return;
        }
        next();
    }

    private void mismatch(StreamMismatch e) {
        LOG.errorf("FetchMessages stream out of order: %s; closing the client connection", e.getMessage());
        fail(e, true);
    }

    private void next() {
        if (session.channel().writeQueueFull()) {
            session.channel().whenWritable(this::requestNext);
        } else {
            requestNext();
        }
    }

    private void requestNext() {
        if (!done) {
            stream.request();
        }
    }

    @Override
    public void onError(Throwable failure) {
        if (done) {
            return;
        }
        fail(failure, openSection >= 0);
    }

    @Override
    public void onCompleted() {
        if (done) {
            return;
        }
        try {
            closeMessage();
        } catch (StreamMismatch e) {
            fail(e, true);
            return;
        }
        finish();
        emitter.complete(Completion.ok(okText));
    }

    private void openMessage(int uid, FetchedAttributes attributes) {
        int sequence = numbers.sequenceOf(uid);
        if (sequence == 0) {
            // storage returned a message the client was not told about; it cannot be numbered
            openUid = 0;
            return;
        }
        List<FetchItem> items = new ArrayList<>();
        if (plan.uid()) {
            items.add(new FetchItem.Uid(uid));
        }
        if (plan.flags()) {
            items.add(SessionFlags.fetchItem(session, uid, attributes.flags()));
        }
        if (plan.modseq()) {
            items.add(new FetchItem.Modseq(attributes.modseq()));
        }
        for (MessageItem item : plan.attributes()) {
            switch (item) {
                case INTERNALDATE -> items.add(new FetchItem.InternalDate(attributes.internalDateEpochSeconds(),
                        attributes.internalDateZoneMinutes()));
                case RFC822_SIZE -> items.add(new FetchItem.Size(attributes.size()));
                case ENVELOPE -> items.add(new FetchItem.EnvelopeItem(attributes.envelope()));
                case BODY -> items.add(new FetchItem.Structure(attributes.bodyStructure(), false));
                case BODYSTRUCTURE -> items.add(new FetchItem.Structure(attributes.bodyStructure(), true));
                case EMAILID -> items.add(new FetchItem.ObjectId("EMAILID", attributes.emailId()));
                case THREADID -> items.add(new FetchItem.ObjectId("THREADID", null));
                case PREVIEW -> items.add(new FetchItem.Preview(attributes.preview()));
                default -> {
                    // UID, FLAGS and MODSEQ are placed first above
                }
            }
        }
        long[] binarySizes = attributes.binarySizes();
        for (int i = 0; i < plan.binarySizes().size() && i < binarySizes.length; i++) {
            items.add(new FetchItem.BinarySize(plan.binarySizes().get(i).responseLabel(), binarySizes[i]));
        }
        if (plan.markSeen()) {
            session.noteOwnChange(uid, attributes.modseq());
        }
        session.write(ResponseEncoder.fetchOpen(sequence, items));
        openUid = uid;
        firstItem = items.isEmpty();
        sectionsWritten = new boolean[plan.sections().size()];
    }

    private void chunk(int uid, SectionData chunk) throws StreamMismatch {
        if (openUid == 0) {
            return;
        }
        if (uid != openUid) {
            throw new StreamMismatch("chunk for UID " + uid + " inside the response of UID " + openUid);
        }
        int index = chunk.index();
        if (index < 0 || index >= sectionsWritten.length) {
            throw new StreamMismatch("section index " + index + " not requested");
        }
        if (openSection != index) {
            if (openSection >= 0 || sectionsWritten[index]) {
                throw new StreamMismatch("section " + index + " interleaved or repeated");
            }
            openSection = index;
            literalRemaining = chunk.totalSize();
            sectionsWritten[index] = true;
            session.write(ResponseEncoder.sectionOpen(plan.sections().get(index).responseLabel(), literalRemaining,
                    firstItem, chunk.literal8()));
            firstItem = false;
        }
        int size = chunk.data().length();
        if (size > literalRemaining) {
            throw new StreamMismatch("section " + index + " longer than announced");
        }
        if (size > 0) {
            session.write(chunk.data());
            literalRemaining -= size;
        }
        if (chunk.last()) {
            if (literalRemaining != 0) {
                throw new StreamMismatch("section " + index + " shorter than announced");
            }
            openSection = -1;
        }
    }

    private void closeMessage() throws StreamMismatch {
        if (openUid == 0) {
            return;
        }
        if (openSection >= 0) {
            throw new StreamMismatch("message " + openUid + " ended inside a section");
        }
        List<FetchItem> missing = new ArrayList<>();
        for (int i = 0; i < sectionsWritten.length; i++) {
            if (!sectionsWritten[i]) {
                missing.add(new FetchItem.MissingSection(plan.sections().get(i).responseLabel()));
            }
        }
        Buffer out = ResponseEncoder.fetchItems(missing, firstItem);
        out.appendBuffer(ResponseEncoder.fetchClose());
        session.write(out);
        openUid = 0;
    }

    private void fail(Throwable failure, boolean closeConnection) {
        if (closeConnection) {
            finish();
            session.channel().close();
            emitter.fail(failure);
            return;
        }
        try {
            closeMessage();
        } catch (StreamMismatch e) {
            session.channel().close();
        }
        finish();
        emitter.fail(failure);
    }

    private void finish() {
        done = true;
        session.channel().removeOnClose(cancelOnClose);
    }

    /** The subscriber went away: stop the storage stream. */
    private void cancel() {
        if (stream != null && !done) {
            done = true;
            stream.cancel();
        }
    }

    /** The client went away: stop the storage stream and end the command. */
    private void connectionClosed() {
        if (!done) {
            cancel();
            emitter.fail(new io.mailserver.imap.session.ClientGoneException("client connection closed during FETCH"));
        }
    }

    /** The stream broke the contract's order (attributes, then each section's chunks in full). */
    private static final class StreamMismatch extends Exception {
        private static final long serialVersionUID = 1L;

        StreamMismatch(String message) {
            super(message, null, false, false);
        }
    }
}
