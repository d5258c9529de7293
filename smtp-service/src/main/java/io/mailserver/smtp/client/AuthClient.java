package io.mailserver.smtp.client;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailserver.contracts.auth.v1.Account;
import io.mailserver.contracts.auth.v1.AuthenticateRequest;
import io.mailserver.contracts.auth.v1.AuthenticateResponse;
import io.mailserver.contracts.auth.v1.Protocol;
import io.mailserver.contracts.auth.v1.MutinyAuthServiceGrpc.MutinyAuthServiceStub;
import io.mailserver.contracts.auth.v1.ResolveRecipientRequest;
import io.mailserver.contracts.auth.v1.ResolveRecipientResponse;
import io.mailserver.smtp.config.MailConfig;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The adapter around auth-service's {@code AuthService}: owns the deadline and maps the contract's
 * messages to this service's values. A failed Uni (peer down, deadline passed, answer that makes no
 * sense) means "could not decide", which callers treat as a temporary failure.
 */
@ApplicationScoped
public class AuthClient {

    /** How long a retried lookup waits for auth-service to be reachable again. */
    static final Duration RECONNECT_WAIT = Duration.ofSeconds(3);

    private final MutinyAuthServiceStub stub;
    private final Channel channel;
    private final long deadlineMillis;
    /** Addresses found hosted here ({@code mail.smtp.recipient-cache.*}). */
    private final RecentAnswers<String, RecipientResolution> hosted;

    public AuthClient(@GrpcClient("auth") MutinyAuthServiceStub stub, @GrpcClient("auth") Channel channel, MailConfig config) {
        this.stub = stub;
        this.channel = channel;
        this.deadlineMillis = config.smtp().timeouts().auth().toMillis();
        this.hosted = new RecentAnswers<>(config.smtp().recipientCache().ttl(), config.smtp().recipientCache().maxEntries());
    }

    /**
     * Resolves an RFC 5321 forward-path mailbox (no angle brackets). A lookup that finds auth-service
     * unreachable is tried once more after {@link Reconnect}: it may have just restarted, and a read
     * is safe to repeat. An address found hosted here is answered from {@link #hosted} for a few
     * seconds: a sender delivering a run of messages to one address asks once, not once a message.
     */
    public Uni<RecipientResolution> resolveRecipient(String address) {
        Optional<RecipientResolution> known = hosted.get(address);
        if (known.isPresent()) {
            return Uni.createFrom().item(known.get());
        }
        return ask(address).invoke(answer -> {
            if (answer instanceof RecipientResolution.Local) {
                hosted.put(address, answer);
            }
        });
    }

    private Uni<RecipientResolution> ask(String address) {
        ResolveRecipientRequest request = ResolveRecipientRequest.newBuilder().setAddress(address).build();
        Uni<ResolveRecipientResponse> call = Uni.createFrom()
                .deferred(() -> stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).resolveRecipient(request));
        return call
                .onFailure(AuthClient::unavailable).recoverWithUni(failure -> Reconnect.now(channel, RECONNECT_WAIT)
                        .flatMap(ready -> call))
                .map(AuthClient::toResolution);
    }

    private static boolean unavailable(Throwable failure) {
        return failure instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.UNAVAILABLE;
    }

    /**
     * Checks a submission login. Never fails: an unreachable auth-service is
     * {@link Authentication.Unavailable}. The secret goes nowhere but into the request.
     */
    public Uni<Authentication> authenticate(String user, String secret, String mechanism, String remoteIp, boolean tls) {
        AuthenticateRequest request = AuthenticateRequest.newBuilder()
                .setUsername(user)
                .setSecret(secret)
                .setProtocol(Protocol.PROTOCOL_SUBMISSION)
                .setRemoteAddress(remoteIp)
                .setMechanism(mechanism)
                .setTls(tls)
                .build();
        return Uni.createFrom()
                .deferred(() -> stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).authenticate(request))
                .map(AuthClient::toAuthentication)
                .onFailure().recoverWithItem(failure -> new Authentication.Unavailable(failure.getClass().getSimpleName()));
    }

    static Authentication toAuthentication(AuthenticateResponse response) {
        if (response.hasAccount()) {
            return new Authentication.Accepted(response.getAccount().getAccountId(), response.getAccount().getAddress());
        }
        return switch (response.getFailure().getReason()) {
            case INVALID_CREDENTIALS -> new Authentication.Refused(Authentication.Reason.INVALID_CREDENTIALS);
            case ACCOUNT_DISABLED -> new Authentication.Refused(Authentication.Reason.ACCOUNT_DISABLED);
            case LOCKED_OUT -> new Authentication.Refused(Authentication.Reason.LOCKED_OUT);
            default -> new Authentication.Unavailable("auth-service: " + response.getFailure().getReason());
        };
    }

    static RecipientResolution toResolution(ResolveRecipientResponse response) {
        return switch (response.getKind()) {
            case LOCAL -> {
                List<Long> ids = response.getAccountsList().stream().map(Account::getAccountId).distinct().toList();
                List<String> forwards = response.getForwardToList().stream().distinct().toList();
                if (ids.isEmpty() && forwards.isEmpty()) {
                    throw new IllegalStateException("auth-service resolved a local recipient to nowhere");
                }
                yield new RecipientResolution.Local(ids, forwards);
            }
            case UNKNOWN_LOCAL -> RecipientResolution.UnknownLocal.INSTANCE;
            case NOT_LOCAL -> RecipientResolution.NotLocal.INSTANCE;
            default -> throw new IllegalStateException("auth-service answered ResolveRecipient with kind " + response.getKind());
        };
    }
}
