package io.mailserver.smtp.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderSectionTest {

    private static List<Buffer> blocks(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        int half = bytes.length / 2;
        return List.of(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, 0, half)),
                Buffer.buffer(java.util.Arrays.copyOfRange(bytes, half, bytes.length)));
    }

    /** A From behind two megabytes of padding is read (DMARC judges it); past the bound, the section is not whole. */
    @Test
    void aLongHeaderSectionIsReadToItsEndWithinTheBound() {
        String padding = ("X-Pad: " + "p".repeat(990) + "\r\n").repeat(2100);
        String message = padding + "From: ceo@bank.example\r\n\r\nbody\r\n";
        HeaderSection section = HeaderSection.read(blocks(message), message.length(), 16L << 20);
        assertThat(section.whole()).isTrue();
        assertThat(section.bodyStart()).isEqualTo(message.indexOf("body"));
        assertThat(RawMessage.parse(section.octets()).headers()).last()
                .satisfies(h -> assertThat(h.is("from")).isTrue());

        HeaderSection bounded = HeaderSection.read(blocks(message), message.length(), 1L << 20);
        assertThat(bounded.whole()).isFalse();
        assertThat(bounded.octets()).hasSize(1 << 20);

        String headersOnly = "From: a@example.org\r\nSubject: no body";
        assertThat(HeaderSection.read(blocks(headersOnly), headersOnly.length(), 1L << 20))
                .satisfies(s -> {
                    assertThat(s.whole()).isTrue();
                    assertThat(s.bodyStart()).isEqualTo(-1);
                    assertThat(s.octets()).hasSize(headersOnly.length());
                });
    }
}
