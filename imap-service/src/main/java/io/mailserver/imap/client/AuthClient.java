package io.mailserver.imap.client;

import io.mailserver.contracts.auth.v1.AuthenticateRequest;
import io.mailserver.contracts.auth.v1.AuthenticateResponse;
import io.mailserver.contracts.auth.v1.MutinyAuthServiceGrpc;
import io.mailserver.contracts.auth.v1.Protocol;
import io.mailserver.imap.config.ImapConfig;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/** auth-service as imap-service uses it: checking a login. Owns the deadline and the error mapping. */
@ApplicationScoped
public class AuthClient {

    static final String PEER = "auth-service";

    private final MutinyAuthServiceGrpc.MutinyAuthServiceStub auth;
    private final long deadlineMillis;

    public AuthClient(@GrpcClient("auth") MutinyAuthServiceGrpc.MutinyAuthServiceStub auth, ImapConfig config) {
        this.auth = auth;
        this.deadlineMillis = config.imap().timeouts().peerCall().toMillis();
    }

    /**
     * Checks {@code user}/{@code secret} for IMAP. The secret goes only into the request; it is
     * never logged.
     */
    public Uni<AuthenticateResponse> authenticate(String user, String secret, String mechanism, String remoteAddress,
            boolean tls) {
        AuthenticateRequest request = AuthenticateRequest.newBuilder()
                .setUsername(user)
                .setSecret(secret)
                .setProtocol(Protocol.PROTOCOL_IMAP)
                .setRemoteAddress(remoteAddress)
                .setMechanism(mechanism)
                .setTls(tls)
                .build();
        return Uni.createFrom().deferred(() -> auth.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                        .authenticate(request))
                .onFailure().transform(f -> PeerFailures.translate(PEER, f));
    }
}
