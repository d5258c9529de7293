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
}
