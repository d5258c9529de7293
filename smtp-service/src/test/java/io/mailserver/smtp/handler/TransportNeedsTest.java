package io.mailserver.smtp.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportNeedsTest {

    private static final String RECEIVED = "Received: from client.test by mx.test; Tue, 1 Dec 2026 09:30:00 +0000\r\n";

    /** Our Received field in a part of its own, then the message as received, split at {@code split}. */
    private static List<Buffer> stored(String message, int split) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        Buffer received = Buffer.buffer(bytes);
        return List.of(Buffer.buffer(RECEIVED), received.slice(0, split), received.slice(split, bytes.length));
    }

    @Test
    void onlyAnEightBitOctetInTheHeaderSectionNeedsSmtputf8() {
        String header = "From: <a@example.org>\r\nSubject: Grüße\r\n\r\nplain\r\n";
        String body = "From: <a@example.org>\r\nSubject: hello\r\n\r\nfür dich\r\n";
        String noBody = "From: <a@example.org>\r\nSubject: Grüße\r\n";
        String emptyHeader = "\r\nfür dich\r\n";
        for (int split = 0; split <= 20; split++) {
            assertThat(TransportNeeds.eightBitHeader(stored(header, split))).isTrue();
            assertThat(TransportNeeds.eightBitHeader(stored(body, split))).isFalse();
            assertThat(TransportNeeds.eightBitHeader(stored(noBody, split))).isTrue();
            assertThat(TransportNeeds.eightBit(stored(body, split))).isTrue();
        }
        assertThat(TransportNeeds.eightBitHeader(stored(emptyHeader, 1))).isFalse();
        assertThat(TransportNeeds.eightBit(stored("Subject: hello\r\n\r\nplain\r\n", 3))).isFalse();
    }
}
