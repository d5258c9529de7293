package io.mailserver.storage.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdTokensTest {

    @Test
    void tokensOfEveryMessageIdLineInLowerCaseOnce() {
        String headers = "From: a <a@example.com>\n"
                + "Message-ID: <Abc.1@Example.COM>\n"
                + "Subject: see <not@a.token>\n"
                + "MESSAGE-id:junk <<x@y> <z@w> <x@Y> <open\n"
                + "Message-Id-Extra: <no@token>\n";

        assertThat(MessageIdTokens.of(headers)).containsExactly("<abc.1@example.com>", "<x@y>", "<z@w>");
    }

    @Test
    void noMessageIdLineNoTokens() {
        assertThat(MessageIdTokens.of("Subject: <a@b>\n")).isEmpty();
        assertThat(MessageIdTokens.of("")).isEmpty();
        assertThat(MessageIdTokens.of("Message-ID:")).isEmpty();
        assertThat(MessageIdTokens.of("Message-ID: <a@b> > <c@d")).containsExactly("<a@b>");
    }

    @Test
    void onlyOneWholePrintableAsciiTokenIsLookedUp() {
        assertThat(MessageIdTokens.searchable("<M1.Bench@Bench.Test>")).contains("<m1.bench@bench.test>");
        assertThat(MessageIdTokens.searchable("<>")).contains("<>");
        assertThat(MessageIdTokens.searchable("m1.bench@bench.test")).isEmpty();
        assertThat(MessageIdTokens.searchable("<m1@x")).isEmpty();
        assertThat(MessageIdTokens.searchable(" <m1@x>")).isEmpty();
        assertThat(MessageIdTokens.searchable("<a@b> <c@d>")).isEmpty();
        assertThat(MessageIdTokens.searchable("<caf\u00e9@x>")).isEmpty();
        assertThat(MessageIdTokens.searchable("<a\tb@x>")).isEmpty();
        assertThat(MessageIdTokens.searchable("<")).isEmpty();
    }

    @Test
    void onlyAsciiLettersAreLowered() {
        assertThat(MessageIdTokens.asciiLowerCase("<\u212A\u0130AZ@x>")).isEqualTo("<\u212A\u0130az@x>");
    }
}
