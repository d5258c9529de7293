package io.mailserver.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.net.NetServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTlsTest {

    @TempDir
    Path dir;

    @Test
    void noMaterialMeansNoTls() {
        assertThat(ServerTls.fromConfig(Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void halfAConfigurationIsRefusedRatherThanSilentlyPlaintext() throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        assertThatThrownBy(() -> ServerTls.fromConfig(Optional.of(cert), Optional.empty()))
                .hasMessageContaining("must be set together");
        assertThatThrownBy(() -> ServerTls.fromConfig(Optional.empty(), Optional.of(cert)))
                .hasMessageContaining("must be set together");
        assertThatThrownBy(() -> ServerTls.fromConfig(Optional.of(cert), Optional.of(dir.resolve("missing.pem"))))
                .hasMessageContaining("not readable");
    }

    @Test
    void onlyTls12And13AreEnabled() throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        Path key = Files.writeString(dir.resolve("k.pem"), "y");
        NetServerOptions options = ServerTls.fromConfig(Optional.of(cert), Optional.of(key)).orElseThrow()
                .applyTo(new NetServerOptions(), true);
        assertThat(options.getEnabledSecureTransportProtocols()).containsExactlyInAnyOrder("TLSv1.2", "TLSv1.3");
        assertThat(options.isSsl()).isTrue();
    }
}
