package io.mailserver.protocol.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DotStuffedDataDecoderTest {

    private record Result(String content, int consumed, boolean ended, boolean overflowed) {
    }

    /** Decodes {@code wire} delivered in pieces of {@code step} bytes (and once more split at {@code cut}). */
    private static Result decode(String wire, int cut, long max) {
        DotStuffedDataDecoder decoder = new DotStuffedDataDecoder(max);
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
        return new Result(content.toString(StandardCharsets.ISO_8859_1), consumed, decoder.done(), decoder.overflowed());
    }

    private static void assertAtEveryCut(String wire, String expectedContent, int expectedConsumed) {
        for (int cut = 0; cut <= wire.length(); cut++) {
            Result r = decode(wire, cut, 1 << 20);
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
    void bareLfAndBareCrSequencesNeverEndTheData() {
        String body = "a\n.\r\nb\r.\r\nc\n.\nd\r\n";
        assertAtEveryCut(body + ".\r\n", body, body.length() + 3);
    }

    @Test
    void smuggledSecondMessageStaysInsideTheFirst() {
        String body = "first\n.\r\nMAIL FROM:<x@evil>\r\nRCPT TO:<y@victim>\r\nDATA\r\nsmuggled\r\n";
        assertAtEveryCut(body + ".\r\n", body, body.length() + 3);
    }

    @Test
    void dotCrNotFollowedByLfIsContent() {
        assertAtEveryCut(".\rx\r\n.\r\n", "\rx\r\n", 8);
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

    @Test
    void encoderTerminatorAfterFinalCrlfAndForEmptyContent() {
        DotStuffingEncoder encoder = new DotStuffingEncoder();
        assertThat(encoder.finish().toString()).isEqualTo(".\r\n");
        encoder.encode(Buffer.buffer("x\r\n"));
        assertThat(encoder.finish().toString()).isEqualTo(".\r\n");
    }
}
