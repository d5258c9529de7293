package io.mailserver.smtp.outbound.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerNamesTest {

    @Test
    void namesAndWildcardsAsRfc6125Says() {
        assertThat(ServerNames.matches("mx.example.test", "mx.example.test")).isTrue();
        assertThat(ServerNames.matches("*.example.test", "mx.example.test")).isTrue();
        assertThat(ServerNames.matches("*.example.test", "example.test")).isFalse();
        assertThat(ServerNames.matches("*.example.test", "a.mx.example.test")).isFalse();
        assertThat(ServerNames.matches("*.test", "example.test")).isFalse();
        assertThat(ServerNames.matches("m*.example.test", "mx.example.test")).isFalse();
        assertThat(ServerNames.matches("mx.example.test", "mx.example.test.evil")).isFalse();
    }
}
