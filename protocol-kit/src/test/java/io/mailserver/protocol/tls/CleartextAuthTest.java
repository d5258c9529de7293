package io.mailserver.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CleartextAuthTest {

    @Test
    void tlsAlwaysMayLogIn() {
        for (CleartextAuth policy : CleartextAuth.values()) {
            assertThat(policy.allows(true, "198.51.100.7")).isTrue();
        }
    }

    @Test
    void withoutTlsOnlyWhatThePolicySays() {
        assertThat(CleartextAuth.NEVER.allows(false, "127.0.0.1")).isFalse();
        assertThat(CleartextAuth.LOOPBACK.allows(false, "127.0.0.1")).isTrue();
        assertThat(CleartextAuth.LOOPBACK.allows(false, "127.8.9.10")).isTrue();
        assertThat(CleartextAuth.LOOPBACK.allows(false, "::1")).isTrue();
        assertThat(CleartextAuth.LOOPBACK.allows(false, "0:0:0:0:0:0:0:1")).isTrue();
        assertThat(CleartextAuth.LOOPBACK.allows(false, "198.51.100.7")).isFalse();
        assertThat(CleartextAuth.LOOPBACK.allows(false, "localhost")).isFalse();
        assertThat(CleartextAuth.LOOPBACK.allows(false, "")).isFalse();
        assertThat(CleartextAuth.LOOPBACK.allows(false, null)).isFalse();
        assertThat(CleartextAuth.ALWAYS.allows(false, "198.51.100.7")).isTrue();
    }
}
