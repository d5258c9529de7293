package io.mailserver.trust;

import io.quarkus.grpc.api.ServerBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.grpc.VertxServerBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;

/**
 * Makes the gRPC server verify client certificates against the deployment CA given as a PEM file.
 * Quarkus' own {@code quarkus.grpc.server.ssl.trust-store} takes only PKCS12 or JKS stores, while
 * Kubernetes Secrets (and {@code mailctl up}) hold the CA as PEM; the server's certificate, key and
 * {@code client-auth=REQUIRED} still come from {@code quarkus.grpc.server.ssl.*}.
 */
@ApplicationScoped
public class ClientCaTrust implements ServerBuilderCustomizer<VertxServerBuilder> {

    private final InternalTlsConfig config;

    public ClientCaTrust(InternalTlsConfig config) {
        this.config = config;
    }

    @Override
    public void customize(GrpcServerConfiguration serverConfig, VertxServerBuilder builder) {
        if (!Files.isReadable(config.ca())) {
            throw new IllegalStateException("mail.internal-tls.ca: cannot read the deployment CA certificate " + config.ca());
        }
        builder.useSsl(options -> options.setTrustOptions(new PemTrustOptions().addCertPath(config.ca().toString())));
    }
}
