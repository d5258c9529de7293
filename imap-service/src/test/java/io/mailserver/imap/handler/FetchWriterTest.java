package io.mailserver.imap.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.mailserver.contracts.storage.v1.FetchResponse;
import io.mailserver.contracts.storage.v1.MessageAttributes;
import io.mailserver.contracts.storage.v1.SectionChunk;
import io.mailserver.imap.client.StorageClient;
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

    private static FetchResponse attributes(int uid, String... flags) {
        return FetchResponse.newBuilder().setUid(uid).setAttributes(MessageAttributes.newBuilder()
                .addAllFlags(java.util.List.of(flags)).setModseq(7)).build();
    }

    private static FetchResponse chunk(int uid, int section, long total, String data, boolean last) {
        return FetchResponse.newBuilder().setUid(uid).setChunk(SectionChunk.newBuilder().setSectionIndex(section)
                .setTotalSize(total).setData(ByteString.copyFrom(data, StandardCharsets.US_ASCII)).setLast(last))
                .build();
    }

    private String written() {
        return String.join("\n", channel.lines());
    }

    @Test
    void sectionsBecomeLiteralsChunkByChunkAndMissingOnesNil() {
        UniAssertSubscriber<Completion> result = start("a FETCH 1:2 (BODY[] BODY.PEEK[3])");
        listener.onResponse(attributes(10, "\\Seen"));
        listener.onResponse(chunk(10, 0, 10, "Hello", false));
        listener.onResponse(chunk(10, 0, 10, " you!", true));
        listener.onResponse(attributes(11));
        listener.onResponse(chunk(11, 1, 0, "", true));
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
        listener.onResponse(attributes(10));
        assertThat(requested).isEqualTo(1);
        channel.fillWriteQueue();
        listener.onResponse(chunk(10, 0, 6, "abc", false));
        assertThat(requested).isEqualTo(1);
        channel.drain();
        assertThat(requested).isEqualTo(2);
        listener.onResponse(chunk(10, 0, 6, "def", true));
        listener.onCompleted();
        assertThat(written()).isEqualTo("* 1 FETCH (UID 10 BODY[] {6}\nabcdef)");
        result.awaitItem();
    }

    @Test
    void aStreamBrokenInsideALiteralClosesTheConnection() {
        UniAssertSubscriber<Completion> result = start("a FETCH 1 BODY.PEEK[]");
        listener.onResponse(attributes(10));
        listener.onResponse(chunk(10, 0, 100, "short", true));
        assertThat(channel.closed()).isTrue();
        result.awaitFailure();
    }

    @Test
    void aFailureBetweenMessagesEndsTheResponseAndTheCommand() {
        UniAssertSubscriber<Completion> result = start("a FETCH 1:2 FLAGS");
        listener.onResponse(attributes(10));
        listener.onError(new IllegalStateException("storage went away"));
        assertThat(written()).isEqualTo("* 1 FETCH (FLAGS ())");
        assertThat(channel.closed()).isFalse();
        result.awaitFailure();
        assertThat(cancelled).isFalse();
    }
}
