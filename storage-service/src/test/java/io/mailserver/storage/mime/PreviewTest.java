package io.mailserver.storage.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreviewTest {

    @Test
    void quotesSignatureAndWhiteSpaceAreLeftOut() {
        assertThat(Preview.of("Hi Bob,\r\n\r\n> what about lunch?\r\n>> earlier\r\nYes,\tat noon.\r\n-- \r\nAlice\r\n"))
                .isEqualTo("Hi Bob, Yes, at noon.");
        assertThat(Preview.of("")).isEmpty();
        assertThat(Preview.of("\u0000\u0007 \u200b text")).isEqualTo("text");
    }

    @Test
    void atMost256Characters() {
        String emoji = "\uD83D\uDE00";
        assertThat(Preview.of("x".repeat(300))).hasSize(256);
        String preview = Preview.of(emoji.repeat(300));
        assertThat(preview.codePointCount(0, preview.length())).isEqualTo(256);
    }

    @Test
    void everyLineEndingEndsALineAndALongBodyIsReadOnlyAsFarAsNeeded() {
        assertThat(Preview.of("one\ntwo\rthree\r\n>quoted\r>also quoted\nfour\r\n\r\n")).isEqualTo("one two three four");
        assertThat(Preview.of("a\r\n--\r\nsignature")).isEqualTo("a");
        assertThat(Preview.of("last line without an ending")).isEqualTo("last line without an ending");
        assertThat(Preview.of("word ".repeat(2_000_000))).hasSize(256).startsWith("word word");
    }
}
