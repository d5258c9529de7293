package io.mailserver.pop3.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** RFC 4616 PLAIN responses as RFC 5034 carries them. */
class LoginHandlerTest {

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plainResponseWithAndWithoutAuthorizationIdentity() {
        assertThat(LoginHandler.plainParts(b64("\0alice@example.test\0pass word"))).hasValueSatisfying(
                p -> assertThat(p).containsExactly("", "alice@example.test", "pass word"));
        assertThat(LoginHandler.plainParts(b64("alice\0alice\0pässwörd"))).hasValueSatisfying(
                p -> assertThat(p).containsExactly("alice", "alice", "pässwörd"));
        assertThat(LoginHandler.plainParts(b64("\0alice\0"))).hasValueSatisfying(
                p -> assertThat(p).containsExactly("", "alice", ""));
    }

    @Test
    void malformedPlainResponses() {
        assertThat(LoginHandler.plainParts("=")).isEmpty();
        assertThat(LoginHandler.plainParts("not base64!")).isEmpty();
        assertThat(LoginHandler.plainParts(b64("alice\0secret"))).isEmpty();
        assertThat(LoginHandler.plainParts(b64("\0\0secret"))).isEmpty();
        assertThat(LoginHandler.plainParts(b64("a\0b\0c\0d"))).isEmpty();
    }
}
