package io.mailserver.protocol.lines;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class CrlfNormalizerTest {

    private static String normalize(String input, int cut) {
        CrlfNormalizer normalizer = new CrlfNormalizer();
        return normalizer.normalize(Buffer.buffer(input.substring(0, cut)))
                .appendBuffer(normalizer.normalize(Buffer.buffer(input.substring(cut))))
                .appendBuffer(normalizer.finish())
                .toString();
    }

    @Test
    void bareCrAndBareLfBecomeCrlfAtEveryChunkBoundary() {
        String input = "a\nb\rc\r\nd\r\re\n\nf\r";
        for (int cut = 0; cut <= input.length(); cut++) {
            assertThat(normalize(input, cut)).as("cut at %d", cut)
                    .isEqualTo("a\r\nb\r\nc\r\nd\r\n\r\ne\r\n\r\nf\r\n");
        }
    }

    @Test
    void crlfIsLeftAloneAndCounted() {
        CrlfNormalizer normalizer = new CrlfNormalizer();
        assertThat(normalizer.normalize(Buffer.buffer("x\r\ny\r\n")).toString()).isEqualTo("x\r\ny\r\n");
        assertThat(normalizer.finish().length()).isZero();
        assertThat(normalizer.repaired()).isZero();
        normalizer.normalize(Buffer.buffer("\n\r"));
        normalizer.finish();
        assertThat(normalizer.repaired()).isEqualTo(2);
    }
}
