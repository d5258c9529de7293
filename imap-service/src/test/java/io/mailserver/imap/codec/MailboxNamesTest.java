package io.mailserver.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MailboxNamesTest {

    /** "Café" with the accent as a combining character (U+0065 U+0301), not precomposed (U+00E9). */
    private static final String DECOMPOSED = "Cafe\u0301";

    @Test
    void aDenormalizedNameReachesTheMailboxOfItsNfcSpellingInBothModes() throws SyntaxError {
        assertThat(MailboxNames.UTF8.decode(DECOMPOSED)).isEqualTo("Caf\u00e9");
        assertThat(MailboxNames.UTF8.decodeNew(DECOMPOSED)).isEqualTo("Caf\u00e9");
        // the same decomposed form sent in modified UTF-7
        assertThat(MailboxNames.MODIFIED_UTF7.decode(ModifiedUtf7.encode(DECOMPOSED))).isEqualTo("Caf\u00e9");
        assertThat(MailboxNames.UTF8.decode("Caf\u00e9")).isEqualTo("Caf\u00e9");
    }

    @Test
    void controlCharactersAndWildcardsNeverMakeANewName() {
        assertThatThrownBy(() -> MailboxNames.UTF8.decodeNew("a\u0085b")).isInstanceOf(SyntaxError.class);
        assertThatThrownBy(() -> MailboxNames.MODIFIED_UTF7.decodeNew("a&AAc-b")).isInstanceOf(SyntaxError.class);
        assertThatThrownBy(() -> MailboxNames.UTF8.decodeNew("a*")).isInstanceOf(SyntaxError.class);
        assertThatThrownBy(() -> MailboxNames.UTF8.decode("a\uFFFDb")).isInstanceOf(SyntaxError.class);
    }
}
