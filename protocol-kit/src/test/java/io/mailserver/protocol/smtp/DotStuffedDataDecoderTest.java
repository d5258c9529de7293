package io.mailserver.protocol.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.protocol.lines.DotStuffingEncoder;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DotStuffedDataDecoderTest {

    private record Result(String content, int consumed, boolean ended, boolean overflowed, long bare) {
    }

    /** Decodes {@code wire} delivered in two pieces split at {@code cut}. */
    private static Result decode(String wire, int cut, long max) {
        return decode(wire, cut, max, BareLineEndings.NORMALIZE);
    }

    private static Result decode(String wire, int cut, long max, BareLineEndings policy) {
        DotStuffedDataDecoder decoder = new DotStuffedDataDecoder(max, policy);
        Buffer content = Buffer.buffer();
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        int consumed = 0;
        for (Buffer piece : new Buffer[] {Buffer.buffer(java.util.Arrays.copyOfRange(bytes, 0, cut)),
                Buffer.buffer(java.util.Arrays.copyOfRange(bytes, cut, bytes.length))}) {
            if (decoder.done()) {
                break;
            }
            DotStuffedDataDecoder.Chunk chunk = decoder.decode(piece, 0);
            content.appendBuffer(chunk.content());
            consumed += chunk.consumed();
        }
        return new Result(content.toString(StandardCharsets.ISO_8859_1), consumed, decoder.done(), decoder.overflowed(),
                decoder.bareLineEndings());
    }

    private static void assertAtEveryCut(String wire, String expectedContent, int expectedConsumed) {
        assertAtEveryCut(wire, expectedContent, expectedConsumed, BareLineEndings.NORMALIZE);
    }

    private static void assertAtEveryCut(String wire, String expectedContent, int expectedConsumed, BareLineEndings policy) {
        for (int cut = 0; cut <= wire.length(); cut++) {
            Result r = decode(wire, cut, 1 << 20, policy);
            assertThat(r.content()).as("content, cut at %d", cut).isEqualTo(expectedContent);
            assertThat(r.ended()).as("ended, cut at %d", cut).isTrue();
            assertThat(r.consumed()).as("consumed, cut at %d", cut).isEqualTo(expectedConsumed);
        }
    }

    @Test
    void plainMessageEndsAtCrlfDotCrlfAndKeepsItsLastCrlf() {
        String wire = "Subject: hi\r\n\r\nbody\r\n.\r\nQUIT\r\n";
        assertAtEveryCut(wire, "Subject: hi\r\n\r\nbody\r\n", wire.indexOf("QUIT"));
    }

    @Test
    void emptyMessage() {
        assertAtEveryCut(".\r\n", "", 3);
    }

    @Test
    void stuffingDotsAreRemoved() {
        assertAtEveryCut("..leading\r\n...\r\n.x\r\n.\r\n", ".leading\r\n..\r\nx\r\n", 23);
    }

    @Test
    void bareLfAndBareCrSequencesNeverEndTheDataAndAreStoredAsCrlf() {
        String body = "a\n.\r\nb\r.\r\nc\n.\nd\r\n";
        assertAtEveryCut(body + ".\r\n", "a\r\n.\r\nb\r\n.\r\nc\r\n.\r\nd\r\n", body.length() + 3);
        assertThat(decode(body + ".\r\n", 4, 1 << 20).bare()).isEqualTo(4);
    }

    @Test
    void underRejectBareLineEndingsAreCountedAndTheContentKeptAsSent() {
        String body = "a\n.\r\nb\r.\r\nc\n.\nd\r\n";
        assertAtEveryCut(body + ".\r\n", body, body.length() + 3, BareLineEndings.REJECT);
        for (int cut = 0; cut <= body.length() + 3; cut++) {
            assertThat(decode(body + ".\r\n", cut, 1 << 20, BareLineEndings.REJECT).bare()).isEqualTo(4);
        }
        assertThat(decode("clean\r\n.\r\n", 3, 1 << 20, BareLineEndings.REJECT).bare()).isZero();
    }

    @Test
    void smuggledSecondMessageStaysInsideTheFirst() {
        String body = "first\n.\r\nMAIL FROM:<x@evil>\r\nRCPT TO:<y@victim>\r\nDATA\r\nsmuggled\r\n";
        assertAtEveryCut(body + ".\r\n", body.replace("first\n", "first\r\n"), body.length() + 3);
    }

    @Test
    void dotCrNotFollowedByLfIsContent() {
        assertAtEveryCut(".\rx\r\n.\r\n", "\r\nx\r\n", 8);
    }

    @Test
    void aCrAtTheVeryEndOfTheContentIsBare() {
        assertAtEveryCut("x\r\r\n.\r\n", "x\r\n\r\n", 7);
        assertAtEveryCut("x\n\r\n.\r\n", "x\r\n\r\n", 7);
    }

    @Test
    void oversizeContentIsDroppedButTheEndIsStillFound() {
        String wire = "0123456789\r\n0123456789\r\n.\r\n";
        for (int cut = 0; cut <= wire.length(); cut++) {
            Result r = decode(wire, cut, 10);
            assertThat(r.content()).isEqualTo("0123456789");
            assertThat(r.ended()).isTrue();
            assertThat(r.overflowed()).isTrue();
            assertThat(r.consumed()).isEqualTo(wire.length());
        }
    }

    @Test
    void encoderRoundTripsThroughDecoder() {
        String content = ".a\r\n..b\r\nc.\r\n.\r\nno final newline";
        DotStuffingEncoder encoder = new DotStuffingEncoder();
        Buffer wire = encoder.encode(Buffer.buffer(content.substring(0, 7)))
                .appendBuffer(encoder.encode(Buffer.buffer(content.substring(7))))
                .appendBuffer(encoder.finish());
        assertThat(wire.toString()).isEqualTo("..a\r\n...b\r\nc.\r\n..\r\nno final newline\r\n.\r\n");
        Result r = decode(wire.toString(), 5, 1 << 20);
        assertThat(r.content()).isEqualTo(content + "\r\n");
    }
}
