package io.mailserver.imap.client;

import io.grpc.Status;
import io.mailserver.contracts.auth.v1.AuthFailure;
import io.mailserver.contracts.auth.v1.AuthenticateRequest;
import io.mailserver.contracts.auth.v1.AuthenticateResponse;
import io.mailserver.contracts.auth.v1.GetAccountRequest;
import io.mailserver.contracts.auth.v1.MutinyAuthServiceGrpc;
import io.mailserver.contracts.auth.v1.Protocol;
import io.mailserver.imap.config.ImapConfig;
import io.mailserver.protocol.session.AccountSessions;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * auth-service as imap-service uses it: checking a login, and whether an account with open sessions
 * may still log in. Owns the deadline and the error mapping.
 */
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
    public Uni<Authentication> authenticate(String user, String secret, String mechanism, String remoteAddress,
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
                .map(AuthClient::decision)
                .onFailure().transform(f -> PeerFailures.translate(PEER, f));
    }

    private static Authentication decision(AuthenticateResponse response) {
        if (response.hasAccount()) {
            return new Authentication.Accepted(new AccountIdentity(response.getAccount().getAccountId(),
                    response.getAccount().getAddress()));
        }
        AuthFailure failure = response.getFailure();
        Authentication.Reason reason = switch (failure.getReason()) {
            case TEMPORARY_FAILURE -> Authentication.Reason.TEMPORARY_FAILURE;
            case LOCKED_OUT -> Authentication.Reason.LOCKED_OUT;
            case ACCOUNT_DISABLED -> Authentication.Reason.ACCOUNT_DISABLED;
            default -> Authentication.Reason.INVALID_CREDENTIALS;
        };
        return new Authentication.Refused(reason, failure.getPublicMessage());
    }

    /** Whether the account still exists and may log in; fails when auth-service cannot say. */
    public Uni<AccountSessions.AccountState> accountState(long accountId) {
        return Uni.createFrom().deferred(() -> auth.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                        .getAccount(GetAccountRequest.newBuilder().setAccountId(accountId).build()))
                .map(account -> account.getEnabled() ? AccountSessions.AccountState.ACTIVE : AccountSessions.AccountState.DISABLED)
                .onFailure(f -> Status.fromThrowable(f).getCode() == Status.Code.NOT_FOUND)
                .recoverWithItem(AccountSessions.AccountState.GONE);
    }
}
