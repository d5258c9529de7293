package io.mailserver.smtp.client;

import io.mailserver.contracts.auth.v1.Account;
import io.mailserver.contracts.auth.v1.MutinyAuthServiceGrpc.MutinyAuthServiceStub;
import io.mailserver.contracts.auth.v1.ResolveRecipientRequest;
import io.mailserver.contracts.auth.v1.ResolveRecipientResponse;
import io.mailserver.smtp.config.MailConfig;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The adapter around auth-service's {@code AuthService}: owns the deadline and maps the contract's
 * messages to this service's values. A failed Uni (peer down, deadline passed, answer that makes no
 * sense) means "could not decide", which callers treat as a temporary failure.
 */
@ApplicationScoped
public class AuthClient {

    private final MutinyAuthServiceStub stub;
    private final long deadlineMillis;

    public AuthClient(@GrpcClient("auth") MutinyAuthServiceStub stub, MailConfig config) {
        this.stub = stub;
        this.deadlineMillis = config.smtp().timeouts().auth().toMillis();
    }

    /** Resolves an RFC 5321 forward-path mailbox (no angle brackets). */
    public Uni<RecipientResolution> resolveRecipient(String address) {
        ResolveRecipientRequest request = ResolveRecipientRequest.newBuilder().setAddress(address).build();
        return Uni.createFrom()
                .deferred(() -> stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).resolveRecipient(request))
                .map(AuthClient::toResolution);
    }

    static RecipientResolution toResolution(ResolveRecipientResponse response) {
        return switch (response.getKind()) {
            case LOCAL -> {
                List<Long> ids = response.getAccountsList().stream().map(Account::getAccountId).distinct().toList();
                if (ids.isEmpty()) {
                    throw new IllegalStateException("auth-service resolved a local recipient to no account");
                }
                yield new RecipientResolution.Local(ids);
            }
            case UNKNOWN_LOCAL -> RecipientResolution.UnknownLocal.INSTANCE;
            case NOT_LOCAL -> RecipientResolution.NotLocal.INSTANCE;
            default -> throw new IllegalStateException("auth-service answered ResolveRecipient with kind " + response.getKind());
        };
    }
}
