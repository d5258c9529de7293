package io.mailserver.storage.account.client;

import io.grpc.Status;
import io.mailserver.contracts.auth.v1.GetAccountRequest;
import io.mailserver.contracts.auth.v1.ListAccountsRequest;
import io.mailserver.contracts.auth.v1.ListAccountsResponse;
import io.mailserver.contracts.auth.v1.MutinyAuthServiceGrpc;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/** auth-service's accounts, as storage-service's reconciliation asks for them (gRPC, mutual TLS). */
@ApplicationScoped
public class AuthAccounts {

    private static final long DEADLINE_SECONDS = 30;

    private final MutinyAuthServiceGrpc.MutinyAuthServiceStub auth;

    public AuthAccounts(@GrpcClient("auth") MutinyAuthServiceGrpc.MutinyAuthServiceStub auth) {
        this.auth = auth;
    }

    /** Accounts with an id above {@code afterId}, ascending, at most {@code limit}. */
    public Uni<ListAccountsResponse> page(long afterId, int limit) {
        return Uni.createFrom().deferred(() -> auth.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .listAccounts(ListAccountsRequest.newBuilder().setAfterAccountId(afterId).setLimit(limit).build()));
    }

    /** True when auth-service answers that the account does not exist, false when it exists; fails otherwise. */
    public Uni<Boolean> confirmedAbsent(long accountId) {
        return Uni.createFrom().deferred(() -> auth.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                        .getAccount(GetAccountRequest.newBuilder().setAccountId(accountId).build()))
                .map(account -> false)
                .onFailure(failure -> Status.fromThrowable(failure).getCode() == Status.Code.NOT_FOUND)
                .recoverWithItem(true);
    }
}
