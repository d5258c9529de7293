package io.mailserver.smtp.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HopCountTest {

    private static List<Buffer> blocks(String message, int size) {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        List<Buffer> blocks = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += size) {
            blocks.add(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + size))));
        }
        return blocks;
    }

    @Test
    void countsReceivedFieldsOfTheHeaderSectionOnly() {
        String message = "Received: from a\r\n\tby b\r\nRECEIVED : from c\r\nX-Received: no\r\nSubject: Received: no\r\n"
                + "received:x\r\n\r\nReceived: in the body\r\n";
        for (int size = 1; size <= message.length(); size++) {
            assertThat(HopCount.received(blocks(message, size), 100)).as("blocks of %d", size).isEqualTo(3);
        }
    }

    @Test
    void stopsAtTheLimitAndReadsAHeaderWithoutBody() {
        String many = "Received: x\r\n".repeat(150);
        assertThat(HopCount.received(blocks(many, 7), 100)).isEqualTo(100);
        assertThat(HopCount.received(blocks("Received: x\r\nSubject: y\r\n", 5), 100)).isEqualTo(1);
        assertThat(HopCount.received(List.of(), 100)).isZero();
    }
}
