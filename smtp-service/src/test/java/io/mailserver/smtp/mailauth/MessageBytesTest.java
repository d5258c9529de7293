package io.mailserver.smtp.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageBytesTest {

    /** The message as blocks of these sizes, the last taking the rest. */
    private static List<Buffer> blocks(String message, int... sizes) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        Buffer[] blocks = new Buffer[sizes.length + 1];
        int at = 0;
        for (int i = 0; i < sizes.length; i++) {
            blocks[i] = Buffer.buffer(Arrays.copyOfRange(bytes, at, at + sizes[i]));
            at += sizes[i];
        }
        blocks[sizes.length] = Buffer.buffer(Arrays.copyOfRange(bytes, at, bytes.length));
        return List.of(blocks);
    }

    @Test
    void anOctetOverOneTwentySevenInAnyBlockIsEightBit() {
        assertThat(MessageBytes.eightBit(blocks("Subject: hi\r\n\r\nplain\r\n", 3, 10))).isFalse();
        assertThat(MessageBytes.eightBit(blocks("Subject: hi\r\n\r\nfür\r\n", 3, 10))).isTrue();
        assertThat(MessageBytes.eightBit(blocks("", 0))).isFalse();
        assertThat(MessageBytes.eightBit("für".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(MessageBytes.eightBit("fur".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(MessageBytes.eightBit(new byte[0])).isFalse();
        // a block that is a slice of a larger one is scanned within its bounds only
        Buffer whole = Buffer.buffer("ü-plain-ü".getBytes(StandardCharsets.UTF_8));
        assertThat(MessageBytes.eightBit(List.of(whole.slice(2, 9)))).isFalse();
    }

    @Test
    void theBodyStartsAfterTheEmptyLineWhereverTheBlocksSplitIt() {
        String message = "A: b\r\n\r\nbody\r\n\r\nmore\r\n";
        for (int split = 0; split <= message.length(); split++) {
            assertThat(MessageBytes.bodyStart(blocks(message, split), Long.MAX_VALUE)).as("split at %d", split).isEqualTo(8);
        }
        assertThat(MessageBytes.bodyStart(blocks(message, 2, 3, 2), Long.MAX_VALUE)).isEqualTo(8);
        assertThat(MessageBytes.bodyStart(message.getBytes(StandardCharsets.US_ASCII))).isEqualTo(8);
    }

    @Test
    void anEmptyFirstLineIsAnEmptyHeaderSection() {
        assertThat(MessageBytes.bodyStart(blocks("\r\nbody\r\n\r\nmore", 1), Long.MAX_VALUE)).isEqualTo(2);
        assertThat(MessageBytes.bodyStart("\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(2);
        assertThat(MessageBytes.bodyStart("\r\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(2);
        assertThat(MessageBytes.bodyStart("A: b\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(8);
    }

    @Test
    void withoutAnEmptyLineThereIsNoBody() {
        for (String message : new String[] {"", "\r", "A: b", "A: b\r\n", "A: b\r\n\r"}) {
            assertThat(MessageBytes.bodyStart(blocks(message, 0), Long.MAX_VALUE)).as(message).isEqualTo(-1);
            assertThat(MessageBytes.bodyStart(message.getBytes(StandardCharsets.US_ASCII))).as(message).isEqualTo(-1);
        }
    }

    @Test
    void onlyCrlfEndsALine() {
        assertThat(MessageBytes.bodyStart("A: b\n\nbody\r\r".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
        assertThat(MessageBytes.bodyStart("A: b\r\n\nC: d\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII))).isEqualTo(15);
    }

    @Test
    void anEmptyLineIsLookedForWithinTheLimitOnly() {
        List<Buffer> message = blocks("A: b\r\n\r\nbody", 5);
        assertThat(MessageBytes.bodyStart(message, 8)).isEqualTo(8);
        assertThat(MessageBytes.bodyStart(message, 7)).isEqualTo(-1);
        assertThat(MessageBytes.bodyStart(message, 5)).isEqualTo(-1);
        assertThat(MessageBytes.bodyStart(message, 0)).isEqualTo(-1);
    }

    @Test
    void copiesTheFirstOctetsOrAll() {
        List<Buffer> message = blocks("A: b\r\n\r\nbody", 3, 4);
        assertThat(new String(MessageBytes.of(message, 8), StandardCharsets.US_ASCII)).isEqualTo("A: b\r\n\r\n");
        assertThat(new String(MessageBytes.of(message, 2), StandardCharsets.US_ASCII)).isEqualTo("A:");
        assertThat(new String(MessageBytes.of(message, 12), StandardCharsets.US_ASCII)).isEqualTo("A: b\r\n\r\nbody");
        assertThat(new String(MessageBytes.of(message, 1000), StandardCharsets.US_ASCII)).isEqualTo("A: b\r\n\r\nbody");
    }

    @Test
    void eightBitWithinTheFirstOctets() {
        List<Buffer> message = blocks("A: b\r\n\r\nfür", 3, 4);
        assertThat(MessageBytes.eightBit(message, 8)).isFalse();
        assertThat(MessageBytes.eightBit(message, 9)).isFalse();
        assertThat(MessageBytes.eightBit(message, 10)).isTrue();
        assertThat(MessageBytes.eightBit(message, 0)).isFalse();
    }

    @Test
    void theBodyIsWrittenFromItsOffsetWhereverTheBlocksSplit() throws Exception {
        String message = "A: b\r\n\r\nbody line\r\nsecond\r\n";
        int start = message.indexOf("body");
        // blocks of these sizes, the rest in one more
        for (int[] sizes : List.of(new int[0], new int[] {3, 5}, new int[] {start, 4}, new int[] {start + 1},
                new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1})) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            MessageBytes.body(blocks(message, sizes), start).writeTo(out);
            assertThat(out.toString(StandardCharsets.US_ASCII)).as(Arrays.toString(sizes)).isEqualTo(message.substring(start));
        }
    }
}
