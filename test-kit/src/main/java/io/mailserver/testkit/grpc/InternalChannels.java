package io.mailserver.testkit.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.mailserver.localstack.pki.ServiceIdentity;
import java.io.File;
import javax.net.ssl.SSLException;

/**
 * gRPC channels to a service of a local system the way its peers reach it: mutual TLS with an
 * identity of the deployment CA. {@link #anonymous} gives the same TLS without a client
 * certificate, which every service must refuse.
 */
public final class InternalChannels {

    private InternalChannels() {
    }

    /** A channel to 127.0.0.1:{@code port} presenting {@code identity}. */
    public static ManagedChannel as(ServiceIdentity identity, int port) {
        try {
            return NettyChannelBuilder.forAddress("127.0.0.1", port)
                    .sslContext(GrpcSslContexts.forClient()
                            .trustManager(identity.ca().toFile())
                            .keyManager(identity.certificate().toFile(), identity.privateKey().toFile())
                            .build())
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** TLS that trusts the deployment CA but presents no certificate of its own. */
    public static ManagedChannel anonymous(File ca, int port) {
        try {
            return NettyChannelBuilder.forAddress("127.0.0.1", port)
                    .sslContext(GrpcSslContexts.forClient().trustManager(ca).build())
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }
}
