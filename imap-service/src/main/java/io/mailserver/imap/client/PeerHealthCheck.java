package io.mailserver.imap.client;

import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.MutinyHealthGrpc;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: auth-service and storage-service answer the gRPC health service
 * ({@code grpc.health.v1.Health/Check}). A peer without the health service (UNIMPLEMENTED) still
 * proved it is reachable.
 */
@Readiness
@ApplicationScoped
public class PeerHealthCheck implements AsyncHealthCheck {

    private static final long DEADLINE_MILLIS = 2000;

    private final MutinyHealthGrpc.MutinyHealthStub auth;
    private final MutinyHealthGrpc.MutinyHealthStub storage;

    public PeerHealthCheck(@GrpcClient("auth") Channel authChannel, @GrpcClient("storage") Channel storageChannel) {
        this.auth = MutinyHealthGrpc.newMutinyStub(authChannel);
        this.storage = MutinyHealthGrpc.newMutinyStub(storageChannel);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.combine().all().unis(check(auth), check(storage)).asTuple()
                .map(t -> HealthCheckResponse.named("peer-services")
                        .status(t.getItem1() && t.getItem2())
                        .withData(AuthClient.PEER, t.getItem1() ? "UP" : "DOWN")
                        .withData(StorageClient.PEER, t.getItem2() ? "UP" : "DOWN")
                        .build());
    }

    private static Uni<Boolean> check(MutinyHealthGrpc.MutinyHealthStub stub) {
        return Uni.createFrom()
                .deferred(() -> stub.withDeadlineAfter(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
                        .check(HealthCheckRequest.getDefaultInstance()))
                .map(response -> response.getStatus() == grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus.SERVING)
                .onFailure().recoverWithItem(f -> f instanceof StatusRuntimeException e
                        && e.getStatus().getCode() == Status.Code.UNIMPLEMENTED)
                .ifNoItem().after(Duration.ofMillis(DEADLINE_MILLIS + 500)).recoverWithItem(false);
    }
}
