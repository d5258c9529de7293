package io.mailserver.pop3.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.mailserver.pop3.reply.Pop3Reply;
import io.mailserver.pop3.session.Pop3State;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** RETR and TOP output as the client receives it: status line, dot-stuffed content, terminator. */
class ContentTransferTest {

    private final FakeSession session = new FakeSession(new Pop3State.Update());
    private final AtomicReference<Outcome> outcome = new AtomicReference<>();

    private void start(ScriptedStream stream, String status, ContentShape shape) {
        ContentTransfer.run(session, stream, Pop3Reply.ok(status), shape).subscribe().with(outcome::set);
    }

    private String retr(String message, int... splits) {
        ScriptedStream stream = new ScriptedStream().attributes(message.length());
        int from = 0;
        for (int split : splits) {
            stream.chunk(0, message.substring(from, split), false);
            from = split;
        }
        stream.chunk(0, message.substring(from), true).completed();
        FakeSession fresh = new FakeSession(new Pop3State.Update());
        AtomicReference<Outcome> result = new AtomicReference<>();
        ContentTransfer.run(fresh, stream, Pop3Reply.ok(message.length() + " octets"), ContentShape.whole())
                .subscribe().with(result::set);
        stream.pump();
        assertThat(result.get()).isEqualTo(new Outcome.Streamed(Outcome.After.CONTINUE));
        return fresh.sent();
    }

    @Test
    void linesStartingWithADotAreStuffed() {
        String message = "Subject: dots\r\n\r\n.hidden\r\n..two\r\n.\r\nend\r\n";
        assertThat(retr(message)).isEqualTo("+OK " + message.length() + " octets\r\n"
                + "Subject: dots\r\n\r\n..hidden\r\n...two\r\n..\r\nend\r\n.\r\n");
    }

    @Test
    void aMessageNotEndingInCrlfGetsOneBeforeTheTerminator() {
        String message = "Subject: x\r\n\r\nno newline at the end";
        assertThat(retr(message)).endsWith("no newline at the end\r\n.\r\n");
    }

    @Test
    void chunksSplitAnywhereGiveTheSameBytes() {
        String message = "Subject: dots\r\n\r\n.a\r\nb\r\n.\r\n..\r\nlast.";
        String whole = retr(message);
        for (int split = 0; split <= message.length(); split++) {
            assertThat(retr(message, split)).as("split at %d", split).isEqualTo(whole);
        }
        for (int a = 0; a <= message.length(); a++) {
            for (int b = a; b <= message.length(); b++) {
                assertThat(retr(message, a, b)).isEqualTo(whole);
            }
        }
    }

    @Test
    void nextChunkIsAskedForOnlyWhenTheSocketHasRoom() {
        ScriptedStream stream = new ScriptedStream().attributes(6)
                .chunk(0, "ab\r\n", false).chunk(0, "cd", true).completed();
        start(stream, "6 octets", ContentShape.whole());
        session.writeQueueFull = true;
        stream.pump();
        // attributes, then the first chunk; the full queue stops the demand
        assertThat(session.sent()).isEqualTo("+OK 6 octets\r\nab\r\n");
        assertThat(stream.demand).isZero();
        assertThat(stream.pump()).isZero();
        session.drain();
        stream.pump();
        assertThat(session.sent()).isEqualTo("+OK 6 octets\r\nab\r\ncd\r\n.\r\n");
        assertThat(outcome.get()).isEqualTo(new Outcome.Streamed(Outcome.After.CONTINUE));
    }

    @Test
    void aMessageExpungedMeanwhileIsAnErrorNotAnEmptyMessage() {
        ScriptedStream stream = new ScriptedStream().completed();
        start(stream, "10 octets", ContentShape.whole());
        stream.pump();
        assertThat(session.sent()).isEmpty();
        assertThat(outcome.get()).isEqualTo(Outcome.reply(Pop3Reply.err("Message no longer exists")));
    }

    @Test
    void notFoundFromStorageIsAnError() {
        ScriptedStream stream = new ScriptedStream().failed(Status.NOT_FOUND);
        start(stream, "10 octets", ContentShape.whole());
        stream.pump();
        assertThat(outcome.get()).isEqualTo(Outcome.reply(Pop3Reply.err("Message no longer exists")));
    }

    @Test
    void storageDownBeforeTheReplyIsATemporaryError() {
        ScriptedStream stream = new ScriptedStream().failed(Status.UNAVAILABLE);
        start(stream, "10 octets", ContentShape.whole());
        stream.pump();
        assertThat(session.sent()).isEmpty();
        Outcome.Reply reply = (Outcome.Reply) outcome.get();
        assertThat(((Pop3Reply.Err) reply.reply()).code()).hasToString("SYS_TEMP");
    }

    @Test
    void failureAfterTheReplyBeganClosesTheConnection() {
        ScriptedStream stream = new ScriptedStream().attributes(100).chunk(0, "partial", false)
                .failed(Status.INTERNAL);
        start(stream, "100 octets", ContentShape.whole());
        stream.pump();
        assertThat(session.sent()).isEqualTo("+OK 100 octets\r\npartial");
        assertThat(outcome.get()).isEqualTo(new Outcome.Streamed(Outcome.After.CLOSE));
    }

    @Test
    void closingTheConnectionCancelsTheStream() {
        ScriptedStream stream = new ScriptedStream().attributes(6).chunk(0, "ab\r\n", false).chunk(0, "cd", true);
        start(stream, "6 octets", ContentShape.whole());
        session.writeQueueFull = true;
        stream.pump();
        session.close();
        assertThat(stream.cancelled).isTrue();
    }

    @Test
    void topSendsHeaderBlankLineAndTheFirstLinesThenStopsTheStream() {
        ScriptedStream stream = new ScriptedStream().attributes(80)
                .chunk(0, "Subject: t\r\n", false).chunk(0, "\r\n", true)
                .chunk(1, "one\r\n.two\r\nthr", false).chunk(1, "ee\r\nfour\r\n", true).completed();
        start(stream, "Top of message follows", ContentShape.top(3));
        stream.pump();
        assertThat(session.sent()).isEqualTo("+OK Top of message follows\r\nSubject: t\r\n\r\none\r\n..two\r\nthree\r\n.\r\n");
        assertThat(stream.cancelled).isTrue();
        assertThat(outcome.get()).isEqualTo(new Outcome.Streamed(Outcome.After.CONTINUE));
    }

    @Test
    void topZeroLinesNeedsNoBody() {
        ScriptedStream stream = new ScriptedStream().attributes(80)
                .chunk(0, "Subject: t\r\n\r\n", true).chunk(1, "body\r\n", true).completed();
        start(stream, "Top of message follows", ContentShape.top(0));
        stream.pump();
        assertThat(session.sent()).isEqualTo("+OK Top of message follows\r\nSubject: t\r\n\r\n.\r\n");
        assertThat(stream.cancelled).isTrue();
    }

    @Test
    void topOfABodyWithoutFinalCrlf() {
        ScriptedStream stream = new ScriptedStream().attributes(80)
                .chunk(0, "Subject: t\r\n\r\n", true).chunk(1, "only line", true).completed();
        start(stream, "Top of message follows", ContentShape.top(5));
        stream.pump();
        assertThat(session.sent()).isEqualTo("+OK Top of message follows\r\nSubject: t\r\n\r\nonly line\r\n.\r\n");
    }
}
