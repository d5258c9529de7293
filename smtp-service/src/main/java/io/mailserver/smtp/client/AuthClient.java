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
import java.util.Locale;
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
    /** The most accounts and forwards an address may reach and still be kept in {@link #hosted}. */
    private static final int KEPT_TARGETS_MAX = 8;

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
     * (The submission sender check asks here too, so an address taken from an alias stays usable as
     * a sender for as long.)
     */
    public Uni<RecipientResolution> resolveRecipient(String address) {
        return Uni.createFrom().deferred(() -> {
            String key = cacheKey(address);
            Optional<RecipientResolution> known = hosted.get(key);
            if (known.isPresent()) {
                return Uni.createFrom().item(known.get());
            }
            return ask(address).map(response -> {
                RecipientResolution answer = toResolution(response);
                if (worthKeeping(answer, response)) {
                    hosted.put(key, answer);
                }
                return answer;
            });
        });
    }

    /**
     * An ASCII address without case: auth-service matches those case-insensitively, so a sender
     * varying the case would otherwise get an entry per spelling.
     */
    private static String cacheKey(String address) {
        return address.chars().allMatch(c -> c < 0x80) ? address.toLowerCase(Locale.ROOT) : address;
    }

    /**
     * Only a plain address reaching a few targets: every sub-address ({@code user+anything@}) resolves
     * hosted, so a sender could otherwise fill the cache with names of its choosing and evict the
     * useful entries; and a large alias would make one entry cost kilobytes.
     */
    private static boolean worthKeeping(RecipientResolution answer, ResolveRecipientResponse response) {
        return answer instanceof RecipientResolution.Local local && response.getDetail().isEmpty()
                && local.accountIds().size() + local.forwardTo().size() <= KEPT_TARGETS_MAX;
    }

    private Uni<ResolveRecipientResponse> ask(String address) {
        ResolveRecipientRequest request = ResolveRecipientRequest.newBuilder().setAddress(address).build();
        Uni<ResolveRecipientResponse> call = Uni.createFrom()
                .deferred(() -> stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).resolveRecipient(request));
        return call
                .onFailure(AuthClient::unavailable).recoverWithUni(failure -> Reconnect.now(channel, RECONNECT_WAIT)
                        .flatMap(ready -> call));
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
