package io.mailserver.protocol.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SaslResponseTest {

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void base64EmptyCancelAndGarbage() {
        assertThat(SaslResponse.parse(b64("alice")).octets()).hasValueSatisfying(o -> assertThat(o.text()).isEqualTo("alice"));
        assertThat(SaslResponse.parse(" " + b64("x") + " ").octets()).isPresent();
        assertThat(SaslResponse.parse("=").octets()).hasValueSatisfying(o -> assertThat(o.value()).isEmpty());
        assertThat(SaslResponse.parse("*")).isEqualTo(SaslResponse.Cancelled.INSTANCE);
        assertThat(SaslResponse.parse("not base64!")).isEqualTo(SaslResponse.Malformed.INSTANCE);
    }

    @Test
    void octetsNeverPrintThemselves() {
        assertThat(SaslResponse.parse(b64("secret")).toString()).doesNotContain("secret").contains("6 octets");
    }

    @Test
    void challengesAreBase64() {
        assertThat(SaslResponse.challenge("Username:")).isEqualTo("VXNlcm5hbWU6");
        assertThat(SaslResponse.challenge("Password:")).isEqualTo("UGFzc3dvcmQ6");
    }

    @Test
    void plainMessages() {
        assertThat(PlainCredentials.decode(bytes("\0alice@example.test\0pass word"))).hasValue(
                new PlainCredentials("", "alice@example.test", "pass word"));
        assertThat(PlainCredentials.decode(bytes("alice\0alice\0pässwörd"))).hasValueSatisfying(c -> {
            assertThat(c.password()).isEqualTo("pässwörd");
            assertThat(c.actsAsItself()).isTrue();
        });
        assertThat(PlainCredentials.decode(bytes("bob\0alice\0x"))).hasValueSatisfying(c -> assertThat(c.actsAsItself()).isFalse());
        assertThat(PlainCredentials.decode(bytes("\0alice\0"))).hasValueSatisfying(c -> assertThat(c.password()).isEmpty());
        assertThat(PlainCredentials.decode(new byte[0])).isEmpty();
        assertThat(PlainCredentials.decode(bytes("alice\0secret"))).isEmpty();
        assertThat(PlainCredentials.decode(bytes("\0\0secret"))).isEmpty();
        assertThat(PlainCredentials.decode(bytes("a\0b\0c\0d"))).isEmpty();
        assertThat(new PlainCredentials("", "alice", "secret").toString()).doesNotContain("secret");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
