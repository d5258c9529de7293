package io.mailserver.auth.grpc;

import io.grpc.Status;
import io.mailserver.auth.account.repository.AccountEntity;
import io.mailserver.auth.account.service.AccountService;
import io.mailserver.auth.dkim.service.DkimKeyService;
import io.mailserver.auth.login.service.LoginAttempt;
import io.mailserver.auth.login.service.LoginOutcome;
import io.mailserver.auth.login.service.LoginService;
import io.mailserver.auth.recipient.service.RecipientService;
import io.mailserver.auth.recipient.service.Resolution;
import io.mailserver.contracts.auth.v1.Account;
import io.mailserver.contracts.auth.v1.AuthFailure;
import io.mailserver.contracts.auth.v1.AuthService;
import io.mailserver.contracts.auth.v1.AuthenticateRequest;
import io.mailserver.contracts.auth.v1.AuthenticateResponse;
import io.mailserver.contracts.auth.v1.GetAccountRequest;
import io.mailserver.contracts.auth.v1.GetSigningKeyRequest;
import io.mailserver.contracts.auth.v1.SigningKey;
import io.mailserver.contracts.auth.v1.ListAccountsRequest;
import io.mailserver.contracts.auth.v1.ListAccountsResponse;
import io.mailserver.contracts.auth.v1.Protocol;
import io.mailserver.contracts.auth.v1.ResolveRecipientRequest;
import io.mailserver.contracts.auth.v1.ResolveRecipientResponse;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * The gRPC face of auth-service ({@code mail.auth.v1.AuthService}): translates between the contract's
 * messages and the services, and maps faults to gRPC statuses. Decisions live in the services.
 */
@GrpcService
public class AuthGrpcService implements AuthService {

    private static final Logger LOG = Logger.getLogger(AuthGrpcService.class);
    private static final int MAX_PAGE = 1000;

    private final LoginService logins;
    private final RecipientService recipients;
    private final AccountService accounts;
    private final DkimKeyService dkimKeys;

    AuthGrpcService(LoginService logins, RecipientService recipients, AccountService accounts, DkimKeyService dkimKeys) {
        this.logins = logins;
        this.recipients = recipients;
        this.accounts = accounts;
        this.dkimKeys = dkimKeys;
    }

    @Override
    public Uni<SigningKey> getSigningKey(GetSigningKeyRequest request) {
        return Uni.createFrom().deferred(() -> dkimKeys.keyOf(request.getDomain()))
                .onFailure().transform(AuthGrpcService::unavailable)
                .flatMap(key -> key == null
                        ? Uni.createFrom().failure(Status.NOT_FOUND.withDescription("domain not hosted here").asRuntimeException())
                        : Uni.createFrom().item(SigningKey.newBuilder().setDomain(request.getDomain().toLowerCase(java.util.Locale.ROOT))
                                .setSelector(key.selector).setAlgorithm(key.algorithm)
                                .setPrivateKey(com.google.protobuf.ByteString.copyFrom(key.privateKey)).build()));
    }

    @Override
    public Uni<AuthenticateResponse> authenticate(AuthenticateRequest request) {
        LoginAttempt attempt = new LoginAttempt(request.getUsername(), request.getSecret(),
                protocolTag(request.getProtocol()), request.getRemoteAddress(), request.getMechanism());
        return logins.authenticate(attempt).map(AuthGrpcService::toResponse);
    }

    @Override
    public Uni<ResolveRecipientResponse> resolveRecipient(ResolveRecipientRequest request) {
        return Uni.createFrom().deferred(() -> recipients.resolve(request.getAddress()))
                .map(AuthGrpcService::toResponse)
                .onFailure().transform(failure -> failure instanceof IllegalArgumentException
                        ? Status.INVALID_ARGUMENT.withDescription("address must be local-part@domain").asRuntimeException()
                        : unavailable(failure));
    }

    @Override
    public Uni<Account> getAccount(GetAccountRequest request) {
        return accounts.findById(request.getAccountId())
                .onFailure().transform(AuthGrpcService::unavailable)
                .map(account -> {
                    if (account == null) {
                        throw Status.NOT_FOUND.withDescription("no account " + request.getAccountId())
                                .asRuntimeException();
                    }
                    return toAccount(account);
                });
    }

    @Override
    public Uni<ListAccountsResponse> listAccounts(ListAccountsRequest request) {
        int limit = Math.max(1, Math.min(MAX_PAGE, request.getLimit() <= 0 ? MAX_PAGE : request.getLimit()));
        // One more than asked tells whether another page follows.
        return accounts.page(request.getAfterAccountId(), limit + 1)
                .onFailure().transform(AuthGrpcService::unavailable)
                .map(page -> ListAccountsResponse.newBuilder()
                        .addAllAccounts(page.stream().limit(limit).map(AuthGrpcService::toAccount).toList())
                        .setMore(page.size() > limit)
                        .build());
    }

    private static AuthenticateResponse toResponse(LoginOutcome outcome) {
        AuthenticateResponse.Builder response = AuthenticateResponse.newBuilder();
        if (outcome instanceof LoginOutcome.Success success) {
            return response.setAccount(toAccount(success.account())).build();
        }
        AuthFailure.Builder failure = AuthFailure.newBuilder();
        if (outcome instanceof LoginOutcome.Disabled) {
            failure.setReason(AuthFailure.Reason.ACCOUNT_DISABLED).setPublicMessage("Account disabled");
        } else if (outcome instanceof LoginOutcome.TemporaryFailure) {
            failure.setReason(AuthFailure.Reason.TEMPORARY_FAILURE)
                    .setPublicMessage("Authentication temporarily unavailable, try again later");
        } else {
            failure.setReason(AuthFailure.Reason.INVALID_CREDENTIALS).setPublicMessage("Invalid credentials");
        }
        return response.setFailure(failure).build();
    }

    private static ResolveRecipientResponse toResponse(Resolution resolution) {
        ResolveRecipientResponse.Builder response = ResolveRecipientResponse.newBuilder();
        if (resolution instanceof Resolution.Local local) {
            response.setKind(ResolveRecipientResponse.Kind.LOCAL).setDetail(local.detail());
            local.accounts().forEach(account -> response.addAccounts(toAccount(account)));
            response.addAllForwardTo(local.forwards());
        } else if (resolution instanceof Resolution.UnknownLocal) {
            response.setKind(ResolveRecipientResponse.Kind.UNKNOWN_LOCAL);
        } else {
            response.setKind(ResolveRecipientResponse.Kind.NOT_LOCAL);
        }
        return response.build();
    }

    static Account toAccount(AccountEntity entity) {
        return Account.newBuilder()
                .setAccountId(entity.id)
                .setAddress(entity.address)
                .setDomain(entity.domainName())
                .setDisplayName(entity.displayName)
                .setEnabled(entity.enabled)
                .setQuotaBytes(entity.quotaBytes)
                .build();
    }

    private static String protocolTag(Protocol protocol) {
        return switch (protocol) {
            case PROTOCOL_SMTP -> "smtp";
            case PROTOCOL_SUBMISSION -> "submission";
            case PROTOCOL_IMAP -> "imap";
            case PROTOCOL_POP3 -> "pop3";
            default -> "unspecified";
        };
    }

    private static Throwable unavailable(Throwable failure) {
        LOG.errorf("auth schema not reachable: %s", failure.toString());
        return Status.UNAVAILABLE.withDescription("auth store unavailable, retry").asRuntimeException();
    }
}
