package io.mailserver.pop3.reply;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TopExcerptTest {

    /** Runs one excerpt over a header and body split into two chunks each at the given offsets. */
    private static String excerpt(String header, String body, long lines, int headerSplit, int bodySplit) {
        TopExcerpt top = new TopExcerpt(lines);
        Buffer out = Buffer.buffer();
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        out.appendBuffer(top.header(Buffer.buffer().appendBytes(h, 0, headerSplit)).copy());
        out.appendBuffer(top.header(Buffer.buffer().appendBytes(h, headerSplit, h.length - headerSplit)).copy());
        out.appendBuffer(top.endHeader());
        if (!top.complete()) {
            out.appendBuffer(top.body(Buffer.buffer().appendBytes(b, 0, bodySplit)));
        }
        if (!top.complete()) {
            out.appendBuffer(top.body(Buffer.buffer().appendBytes(b, bodySplit, b.length - bodySplit)));
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static void assertEverySplit(String header, String body, long lines, String expected) {
        for (int hs = 0; hs <= header.length(); hs++) {
            for (int bs = 0; bs <= body.length(); bs++) {
                assertThat(excerpt(header, body, lines, hs, bs)).as("header split %d, body split %d", hs, bs)
                        .isEqualTo(expected);
            }
        }
    }

    private static final String HEADER = "Subject: hi\r\nFrom: a@b\r\n\r\n";
    private static final String BODY = "one\r\ntwo\r\n.three\r\nfour";

    @Test
    void firstLinesOfTheBody() {
        assertEverySplit(HEADER, BODY, 2, HEADER + "one\r\ntwo\r\n");
    }

    @Test
    void zeroLinesIsTheHeaderAndTheBlankLine() {
        assertEverySplit(HEADER, BODY, 0, HEADER);
    }

    @Test
    void moreLinesThanTheBodyHasGivesTheWholeBody() {
        assertEverySplit(HEADER, BODY, 10, HEADER + BODY);
        assertEverySplit(HEADER, BODY, 4, HEADER + BODY);
    }

    @Test
    void theBlankLineIsAddedWhenTheHeaderSectionLacksIt() {
        assertEverySplit("Subject: hi\r\n", "body\r\n", 1, "Subject: hi\r\n\r\nbody\r\n");
        assertEverySplit("Subject: hi", "", 5, "Subject: hi\r\n\r\n");
        assertEverySplit("", "body\r\n", 1, "\r\nbody\r\n");
        assertEverySplit("\r\n", "body\r\n", 1, "\r\nbody\r\n");
    }

    @Test
    void completeOnlyAfterTheHeaderEnds() {
        TopExcerpt top = new TopExcerpt(0);
        assertThat(top.complete()).isFalse();
        top.header(Buffer.buffer(HEADER));
        assertThat(top.complete()).isFalse();
        top.endHeader();
        assertThat(top.complete()).isTrue();
        assertThat(top.body(Buffer.buffer(BODY)).length()).isZero();
    }
}
