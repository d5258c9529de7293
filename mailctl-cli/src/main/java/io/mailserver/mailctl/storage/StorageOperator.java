package io.mailserver.mailctl.storage;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.mailserver.localstack.pki.DeploymentCa;
import io.mailserver.localstack.pki.ServiceIdentity;
import io.mailserver.mailctl.system.MailctlPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * How mailctl reaches storage-service's gRPC port: mutual TLS as the identity {@code mailctl},
 * issued by the deployment CA that {@code mailctl up} keeps in the data directory. Storage allows
 * that identity the quota and queue administration calls and nothing else.
 *
 * @param host where storage-service listens ({@code MAILCTL_STORAGE_GRPC}, default 127.0.0.1:9091)
 */
public record StorageOperator(String host, int port, Path pki) {

    private static final String IDENTITY = "mailctl";

    public static StorageOperator fromEnvironment(MailctlPaths paths) {
        String target = System.getenv("MAILCTL_STORAGE_GRPC");
        if (target == null || target.isBlank()) {
            target = "127.0.0.1:9091";
        }
        int colon = target.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("MAILCTL_STORAGE_GRPC must be host:port, not '" + target + "'");
        }
        int port;
        try {
            port = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("MAILCTL_STORAGE_GRPC must be host:port, not '" + target + "'");
        }
        return new StorageOperator(target.substring(0, colon), port, paths.dataDir().resolve("pki"));
    }

    /** A channel presenting the {@code mailctl} identity; the caller shuts it down. */
    public ManagedChannel open() {
        if (!Files.isReadable(pki.resolve("ca.crt"))) {
            // ensure() would make a new CA here, one no running service trusts
            throw new IllegalStateException("no deployment CA in " + pki + ": start the system with 'mailctl up' first");
        }
        ServiceIdentity identity = DeploymentCa.ensure(pki).ensureIdentity(IDENTITY);
        try {
            return NettyChannelBuilder.forAddress(host, port)
                    .sslContext(GrpcSslContexts.forClient()
                            .trustManager(identity.ca().toFile())
                            .keyManager(identity.certificate().toFile(), identity.privateKey().toFile())
                            .build())
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS to storage-service: " + e.getMessage(), e);
        }
    }
}
