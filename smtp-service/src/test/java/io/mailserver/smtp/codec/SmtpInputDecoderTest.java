package io.mailserver.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.protocol.smtp.BareLineEndings;
import io.mailserver.smtp.session.InputMode;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Feeds whole conversations split at every byte boundary (and byte by byte) and checks what comes out. */
class SmtpInputDecoderTest {

    /**
     * Drives the decoder as the connection does: after the line "DATA" it switches to data mode.
     * Returns one entry per event: "L:line", "TOO_LONG", "MSG:content" (with "!" appended on overflow,
     * "~" when it had bare line endings).
     */
    private static List<String> run(List<byte[]> pieces, int maxLine, long maxSize) {
        return run(pieces, maxLine, maxSize, BareLineEndings.NORMALIZE);
    }

    private static List<String> run(List<byte[]> pieces, int maxLine, long maxSize, BareLineEndings policy) {
        SmtpInputDecoder decoder = new SmtpInputDecoder(maxLine, maxSize, policy);
        List<String> events = new ArrayList<>();
        Buffer message = Buffer.buffer();
        InputMode mode = InputMode.COMMAND;
        for (byte[] piece : pieces) {
            decoder.append(Buffer.buffer(piece));
            while (true) {
                SmtpInput input = decoder.next(mode);
                if (input instanceof SmtpInput.CommandLine line) {
                    events.add("L:" + line.text());
                    if (line.text().equals("DATA")) {
                        mode = InputMode.DATA;
                    }
                } else if (input instanceof SmtpInput.LineTooLong) {
                    events.add("TOO_LONG");
                } else if (input instanceof SmtpInput.DataContent data) {
                    message.appendBuffer(data.content());
                    if (data.ended()) {
                        mode = InputMode.COMMAND;
                        events.add("MSG:" + message.toString(StandardCharsets.ISO_8859_1) + (data.overflowed() ? "!" : "")
                                + (data.bareLineEndings() ? "~" : ""));
                        message = Buffer.buffer();
                    }
                } else {
                    break;
                }
            }
        }
        return events;
    }

    private static void assertAtEveryCut(String wire, int maxLine, long maxSize, List<String> expected) {
        assertAtEveryCut(wire, maxLine, maxSize, BareLineEndings.NORMALIZE, expected);
    }

    private static void assertAtEveryCut(String wire, int maxLine, long maxSize, BareLineEndings policy, List<String> expected) {
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 0; cut <= bytes.length; cut++) {
            List<byte[]> pieces = List.of(Arrays.copyOfRange(bytes, 0, cut), Arrays.copyOfRange(bytes, cut, bytes.length));
            assertThat(run(pieces, maxLine, maxSize, policy)).as("cut at %d", cut).isEqualTo(expected);
        }
        List<byte[]> single = new ArrayList<>();
        for (byte b : bytes) {
            single.add(new byte[] {b});
        }
        assertThat(run(single, maxLine, maxSize, policy)).as("byte by byte").isEqualTo(expected);
    }

    @Test
    void underRejectTheMessageIsReadToItsEndFlaggedAndNotKept() {
        String body = "clean line\r\nbare\nrest\r\n";
        List<String> events = run(List.of(("DATA\r\n" + body + ".\r\nNOOP\r\n").getBytes(StandardCharsets.ISO_8859_1)),
                100, 1000, BareLineEndings.REJECT);
        assertThat(events).hasSize(3);
        assertThat(events.get(1)).endsWith("~").doesNotContain("rest");
        assertThat(events.get(2)).isEqualTo("L:NOOP");
        assertAtEveryCut("DATA\r\nall\r\nclean\r\n.\r\nNOOP\r\n", 100, 1000, BareLineEndings.REJECT,
                List.of("L:DATA", "MSG:all\r\nclean\r\n", "L:NOOP"));
    }

    @Test
    void pipelinedCommandsAroundAMessage() {
        String wire = "EHLO a\r\nMAIL FROM:<x@y>\r\nRCPT TO:<z@y>\r\nDATA\r\nSubject: t\r\n\r\n..dot\r\nend\r\n.\r\nQUIT\r\n";
        assertAtEveryCut(wire, 100, 1000, List.of("L:EHLO a", "L:MAIL FROM:<x@y>", "L:RCPT TO:<z@y>", "L:DATA",
                "MSG:Subject: t\r\n\r\n.dot\r\nend\r\n", "L:QUIT"));
    }

    @Test
    void onlyCrlfEndsACommandLine() {
        assertAtEveryCut("NOOP a\nb\rc\r\nQUIT\r\n", 100, 1000, List.of("L:NOOP a\nb\rc", "L:QUIT"));
    }

    @Test
    void bareLfAndCrSequencesStayInsideTheMessage() {
        String body = "a\n.\r\nb\r.\r\nc\n.\nd\r\n";
        assertAtEveryCut("DATA\r\n" + body + ".\r\nNOOP\r\n", 100, 1000,
                List.of("L:DATA", "MSG:a\r\n.\r\nb\r\n.\r\nc\r\n.\r\nd\r\n~", "L:NOOP"));
    }

    @Test
    void smugglingPayloadIsOneMessage() {
        String body = "first\r\n\n.\r\nMAIL FROM:<x@evil>\r\nRCPT TO:<y@victim>\r\nDATA\r\nsmuggled\r\n";
        assertAtEveryCut("DATA\r\n" + body + ".\r\nQUIT\r\n", 100, 1000,
                List.of("L:DATA", "MSG:" + body.replace("\r\n\n", "\r\n\r\n") + "~", "L:QUIT"));
    }

    @Test
    void overlongLineIsReportedOnceAndTheNextLineIsIntact() {
        String wire = "NOOP " + "x".repeat(40) + "\r\nQUIT\r\n";
        assertAtEveryCut(wire, 20, 1000, List.of("TOO_LONG", "L:QUIT"));
    }

    @Test
    void lineAtTheLimitIsAccepted() {
        String line = "NOOP " + "x".repeat(15);
        assertAtEveryCut(line + "\r\n", 20, 1000, List.of("L:" + line));
    }

    @Test
    void oversizeMessageIsDrainedToItsEnd() {
        String wire = "DATA\r\n0123456789\r\n0123456789\r\n.\r\nRSET\r\n";
        assertAtEveryCut(wire, 100, 10, List.of("L:DATA", "MSG:0123456789!", "L:RSET"));
    }

    @Test
    void emptyMessage() {
        assertAtEveryCut("DATA\r\n.\r\nQUIT\r\n", 100, 10, List.of("L:DATA", "MSG:", "L:QUIT"));
    }

    @Test
    void discardDropsBufferedInputAndDataMode() {
        SmtpInputDecoder decoder = new SmtpInputDecoder(100, 1000, BareLineEndings.NORMALIZE);
        decoder.append(Buffer.buffer("STARTTLS\r\nMAIL FROM:<a@b>\r\n"));
        assertThat(decoder.next(InputMode.COMMAND)).isEqualTo(new SmtpInput.CommandLine("STARTTLS"));
        assertThat(decoder.discard()).isEqualTo("MAIL FROM:<a@b>\r\n".length());
        assertThat(decoder.next(InputMode.COMMAND)).isEqualTo(SmtpInput.NeedMore.INSTANCE);
        decoder.append(Buffer.buffer("EHLO x\r\n"));
        assertThat(decoder.next(InputMode.COMMAND)).isEqualTo(new SmtpInput.CommandLine("EHLO x"));
    }
}
