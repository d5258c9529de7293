package io.mailserver.pop3.client;

import io.grpc.Status;
import io.mailserver.contracts.auth.v1.AuthFailure;
import io.mailserver.contracts.auth.v1.AuthenticateRequest;
import io.mailserver.contracts.auth.v1.AuthenticateResponse;
import io.mailserver.contracts.auth.v1.GetAccountRequest;
import io.mailserver.contracts.auth.v1.MutinyAuthServiceGrpc;
import io.mailserver.contracts.auth.v1.Protocol;
import io.mailserver.pop3.config.MailConfig;
import io.mailserver.protocol.session.AccountSessions;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** auth-service's {@code AuthService}, as POP3 logins and the sessions of logged-in accounts need it. */
@ApplicationScoped
public class AuthClient {

    private static final Logger LOG = Logger.getLogger(AuthClient.class);

    @GrpcClient("auth")
    MutinyAuthServiceGrpc.MutinyAuthServiceStub auth;

    @Inject
    MailConfig config;

    /** Checks a login; never fails: an unreachable auth-service is {@link Authentication.Unavailable}. */
    public Uni<Authentication> authenticate(Login login) {
        AuthenticateRequest request = AuthenticateRequest.newBuilder()
                .setUsername(login.username())
                .setSecret(login.secret())
                .setProtocol(Protocol.PROTOCOL_POP3)
                .setRemoteAddress(login.remoteAddress())
                .setMechanism(login.mechanism())
                .setTls(login.tls())
                .build();
        return Uni.createFrom().deferred(() -> auth
                        .withDeadlineAfter(config.pop3().timeouts().peerCall().toMillis(), TimeUnit.MILLISECONDS)
                        .authenticate(request))
                .map(AuthClient::outcome)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("auth-service call failed: %s", failure.toString());
                    return new Authentication.Unavailable(failure.getClass().getSimpleName());
                });
    }

    /** Whether the account still exists and may log in; fails when auth-service cannot say. */
    public Uni<AccountSessions.AccountState> accountState(long accountId) {
        return Uni.createFrom().deferred(() -> auth
                        .withDeadlineAfter(config.pop3().timeouts().peerCall().toMillis(), TimeUnit.MILLISECONDS)
                        .getAccount(GetAccountRequest.newBuilder().setAccountId(accountId).build()))
                .map(account -> account.getEnabled() ? AccountSessions.AccountState.ACTIVE : AccountSessions.AccountState.DISABLED)
                .onFailure(f -> Status.fromThrowable(f).getCode() == Status.Code.NOT_FOUND)
                .recoverWithItem(AccountSessions.AccountState.GONE);
    }

    static Authentication outcome(AuthenticateResponse response) {
        if (response.hasAccount()) {
            return new Authentication.Accepted(response.getAccount().getAccountId(), response.getAccount().getAddress());
        }
        AuthFailure failure = response.getFailure();
        String message = failure.getPublicMessage();
        return switch (failure.getReason()) {
            case INVALID_CREDENTIALS -> new Authentication.Refused(Authentication.Reason.INVALID_CREDENTIALS, message);
            case ACCOUNT_DISABLED -> new Authentication.Refused(Authentication.Reason.ACCOUNT_DISABLED, message);
            case LOCKED_OUT -> new Authentication.Refused(Authentication.Reason.LOCKED_OUT, message);
            case TEMPORARY_FAILURE, REASON_UNSPECIFIED, UNRECOGNIZED -> new Authentication.Unavailable(
                    "auth-service answered " + failure.getReason());
        };
    }
}
