package io.mailserver.smtp.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.smtp.outbound.tls.TlsRequirement;
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

    @Test
    void tlsRequiredNoRelaxesOnlyWhenEveryInstanceSaysSo() {
        assertThat(TransportNeeds.tlsRequirement(false, stored("TLS-Required: No\r\nSubject: x\r\n\r\nbody\r\n", 5)))
                .isEqualTo(TlsRequirement.OPTIONAL);
        assertThat(TransportNeeds.tlsRequirement(false, stored("Subject: x\r\ntls-required:\r\n  no\r\n\r\nbody\r\n", 30)))
                .as("folded, lower case").isEqualTo(TlsRequirement.OPTIONAL);
        assertThat(TransportNeeds.tlsRequirement(false, stored("TLS-Required: No\r\nTLS-Required: Yes\r\n\r\nb\r\n", 3)))
                .isEqualTo(TlsRequirement.DEFAULT);
        assertThat(TransportNeeds.tlsRequirement(false, stored("Subject: x\r\n\r\nTLS-Required: No\r\n", 3)))
                .as("in the body").isEqualTo(TlsRequirement.DEFAULT);
        assertThat(TransportNeeds.tlsRequirement(false, stored("TLS-Required: Nope\r\n\r\nb\r\n", 3)))
                .isEqualTo(TlsRequirement.DEFAULT);
        // REQUIRETLS on MAIL wins over the field (RFC 8689 §4.1)
        assertThat(TransportNeeds.tlsRequirement(true, stored("TLS-Required: No\r\n\r\nb\r\n", 3)))
                .isEqualTo(TlsRequirement.REQUIRED);
    }
}
