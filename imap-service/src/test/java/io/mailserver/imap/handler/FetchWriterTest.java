package io.mailserver.imap.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.imap.client.FetchedAttributes;
import io.mailserver.imap.client.SectionData;
import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.message.Envelope;
import io.mailserver.imap.codec.CommandParser;
import io.mailserver.imap.codec.Decoded;
import io.mailserver.imap.codec.ImapDecoder;
import io.mailserver.imap.command.FetchCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.session.FakeChannel;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.MessageNumbers;
import io.mailserver.protocol.io.InputBuffer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The FETCH stream writer against a fake client channel and a hand-fed storage stream. */
class FetchWriterTest {

    private final FakeChannel channel = new FakeChannel();
    private final ImapSession session = new ImapSession(channel);
    private int requested;
    private boolean cancelled;
    private StorageClient.FetchListener listener;

    private UniAssertSubscriber<Completion> start(String fetch) {
        ImapDecoder decoder = new ImapDecoder(1000, 1000);
        InputBuffer in = new InputBuffer();
        in.append(Buffer.buffer(fetch + "\r\n"));
        FetchCommand command = (FetchCommand) ((CommandParser.Parsed) CommandParser.parse(
                ((Decoded.Command) decoder.decode(in)).command())).command();
        FetchHandler.Plan plan = FetchHandler.Plan.of(command, false, false);
        return Uni.createFrom().<Completion>emitter(emitter -> new FetchWriter(session, plan,
                        MessageNumbers.of(10, 11), emitter, "FETCH completed").start(l -> {
                    listener = l;
                    return new StorageClient.FetchStream() {
                        @Override
                        public void request() {
                            requested++;
                        }

                        @Override
                        public void cancel() {
                            cancelled = true;
                        }
                    };
                }))
                .subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    private void attributes(int uid, String... flags) {
        listener.onAttributes(uid, new FetchedAttributes(java.util.List.of(flags), 7, 0, 0, 0, Envelope.EMPTY, null,
                "", null, new long[0]));
    }

    private void chunk(int uid, int section, long total, String data, boolean last) {
        listener.onChunk(uid, new SectionData(section, total, Buffer.buffer(data.getBytes(StandardCharsets.US_ASCII)),
                last, false));
    }

    private String written() {
        return String.join("\n", channel.lines());
    }

    @Test
    void sectionsBecomeLiteralsChunkByChunkAndMissingOnesNil() {
        UniAssertSubscriber<Completion> result = start("a FETCH 1:2 (BODY[] BODY.PEEK[3])");
        attributes(10, "\\Seen");
        chunk(10, 0, 10, "Hello", false);
        chunk(10, 0, 10, " you!", true);
        attributes(11);
        chunk(11, 1, 0, "", true);
        listener.onCompleted();
        assertThat(written()).isEqualTo(String.join("\n",
                "* 1 FETCH (FLAGS (\\Seen) BODY[] {10}",
                "Hello you! BODY[3] NIL)",
                "* 2 FETCH (FLAGS () BODY[3] {0}",
                " BODY[] NIL)"));
        assertThat(result.awaitItem().getItem().text()).isEqualTo("FETCH completed");
        // one more after each response (the first one is asked for when the call starts)
        assertThat(requested).isEqualTo(5);
        // \Seen set by this FETCH is not reported again by the next update poll
        assertThat(session.isOwnChange(10, 7)).isTrue();
    }

    @Test
    void storageIsAskedForMoreOnlyWhileTheSocketTakesIt() {
        UniAssertSubscriber<Completion> result = start("a UID FETCH 10 BODY.PEEK[]");
        attributes(10);
        assertThat(requested).isEqualTo(1);
        channel.fillWriteQueue();
        chunk(10, 0, 6, "abc", false);
        assertThat(requested).isEqualTo(1);
        channel.drain();
        assertThat(requested).isEqualTo(2);
        chunk(10, 0, 6, "def", true);
        listener.onCompleted();
        assertThat(written()).isEqualTo("* 1 FETCH (UID 10 BODY[] {6}\nabcdef)");
        result.awaitItem();
    }

    @Test
    void aStreamBrokenInsideALiteralClosesTheConnection() {
        UniAssertSubscriber<Completion> result = start("a FETCH 1 BODY.PEEK[]");
        attributes(10);
        chunk(10, 0, 100, "short", true);
        assertThat(channel.closed()).isTrue();
        result.awaitFailure();
    }

    @Test
    void aFailureBetweenMessagesEndsTheResponseAndTheCommand() {
        UniAssertSubscriber<Completion> result = start("a FETCH 1:2 FLAGS");
        attributes(10);
        listener.onError(new IllegalStateException("storage went away"));
        assertThat(written()).isEqualTo("* 1 FETCH (FLAGS ())");
        assertThat(channel.closed()).isFalse();
        result.awaitFailure();
        assertThat(cancelled).isFalse();
    }
}
