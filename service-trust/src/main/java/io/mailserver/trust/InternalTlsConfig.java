package io.mailserver.trust;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The internal TLS of a service ({@code mail.internal-tls.*}). The same three files configure the
 * gRPC server of a service that has one ({@code quarkus.grpc.server.ssl.*} refers to them) and the
 * service's own gRPC clients ({@code quarkus.grpc.clients.<peer>.ssl.*}). The defaults, in each service's application.properties, are the
 * paths a Kubernetes Secret from cert-manager is mounted at.
 */
@ConfigMapping(prefix = "mail.internal-tls")
public interface InternalTlsConfig {

    /** PEM certificate of the deployment CA: the only issuer whose client certificates are accepted. */
    Path ca();

    /** PEM certificate of this service; its subject CN is the service's name. */
    Path certificate();

    /** PEM (PKCS#8) private key of this service's certificate. */
    Path privateKey();

    /**
     * Per caller (the CN of its certificate), the RPCs it may call: full method names
     * ({@code mail.storage.v1.DeliveryService/Deliver}), {@code Service/*} for every method of a
     * service, or {@code *} for everything. A caller not listed may call nothing but the gRPC health
     * service.
     */
    Map<String, List<String>> allow();
}
