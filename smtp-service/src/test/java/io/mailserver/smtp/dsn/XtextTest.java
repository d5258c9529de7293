package io.mailserver.smtp.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XtextTest {

    @Test
    void decodesAndEncodesRfc3461Xtext() {
        assertThat(Xtext.decode("QQ314159")).contains("QQ314159");
        assertThat(Xtext.decode("a+2Bb+3Dc+20d")).contains("a+b=c d");
        assertThat(Xtext.encode("a+b=c d")).isEqualTo("a+2Bb+3Dc+20d");
        assertThat(Xtext.decode(Xtext.encode("Bob <bob@example.org>; x"))).contains("Bob <bob@example.org>; x");
    }

    @Test
    void refusesWhatIsNotXtextOrDecodesToControlCharacters() {
        for (String bad : new String[] {"a+0D+0Ab", "a+00", "a+7F", "a+C3+A9", "a+4", "a+", "a+GG", "a=b", "a b", "é"}) {
            assertThat(Xtext.decode(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void notifyKeywordsRoundTrip() {
        assertThat(Notify.parse("never")).contains(Notify.NEVER);
        assertThat(Notify.parse("DELAY,SUCCESS").orElseThrow().keyword()).isEqualTo("SUCCESS,DELAY");
        assertThat(Notify.DEFAULT.wantsFailure()).isTrue();
        assertThat(Notify.DEFAULT.wantsDelay()).isTrue();
        assertThat(Notify.DEFAULT.wantsSuccess()).isFalse();
        assertThat(Notify.DEFAULT.keyword()).isEmpty();
        assertThat(Notify.parse("SUCCESS").orElseThrow().wantsFailure()).isFalse();
        assertThat(Notify.fromFlags(false, false, false, false)).isEqualTo(Notify.DEFAULT);
        assertThat(Notify.fromFlags(true, false, false, false).never()).isTrue();
        assertThat(Notify.parse("NEVER,FAILURE")).isEmpty();
    }
}
