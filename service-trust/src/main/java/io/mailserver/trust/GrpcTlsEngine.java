package io.mailserver.trust;

import io.quarkus.grpc.api.ServerBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.grpc.VertxServerBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Serves internal gRPC with BoringSSL (netty-tcnative) when its native library loads, as the
 * clients' channels already do on their own (grpc-netty prefers it); Vert.x would otherwise use the
 * JDK's provider, which costs more CPU per call. Setting {@code io.netty.handler.ssl.noOpenSsl=true}
 * in the JVM's options turns it off on both sides.
 */
@ApplicationScoped
public class GrpcTlsEngine implements ServerBuilderCustomizer<VertxServerBuilder> {

    private static final Logger LOG = Logger.getLogger(GrpcTlsEngine.class);

    @Override
    public void customize(GrpcServerConfiguration serverConfig, VertxServerBuilder builder) {
        SSLEngineOptions engine = OpenSSLEngineOptions.isAvailable() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();
        LOG.infof("internal gRPC server TLS engine: %s", engine instanceof OpenSSLEngineOptions ? "openssl" : "jdk");
        builder.useSsl(options -> options.setSslEngineOptions(engine));
    }
}
