package io.mailserver.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModifiedUtf7Test {

    @Test
    void roundTrips() {
        String[][] pairs = {
                {"INBOX", "INBOX"},
                {"Entwürfe", "Entw&APw-rfe"},
                {"a&b", "a&-b"},
                {"~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"},
                {"😀", "&2D3eAA-"},
        };
        for (String[] pair : pairs) {
            assertThat(ModifiedUtf7.encode(pair[0])).isEqualTo(pair[1]);
            assertThat(ModifiedUtf7.decode(pair[1])).isEqualTo(pair[0]);
        }
    }

    @Test
    void invalidInputIsKeptAsIs() {
        assertThat(ModifiedUtf7.decode("a&bad")).isEqualTo("a&bad");
        assertThat(ModifiedUtf7.decode("&A-")).isEqualTo("&A-");
        assertThat(ModifiedUtf7.decode("Grüße&-")).isEqualTo("Grüße&-");
    }
}
