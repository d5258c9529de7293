package io.mailserver.pop3.health;

import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import grpc.health.v1.MutinyHealthGrpc;
import io.grpc.Channel;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while auth-service and storage-service answer {@code grpc.health.v1.Health/Check}. */
@Readiness
@ApplicationScoped
public class PeerServicesCheck implements AsyncHealthCheck {

    private static final long DEADLINE_MILLIS = 3000;

    @GrpcClient("auth")
    Channel auth;

    @GrpcClient("storage")
    Channel storage;

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.combine().all().unis(serving(auth), serving(storage)).asTuple()
                .map(both -> HealthCheckResponse.named("peer services")
                        .status(both.getItem1() && both.getItem2())
                        .withData("auth-service", both.getItem1() ? "up" : "down")
                        .withData("storage-service", both.getItem2() ? "up" : "down")
                        .build());
    }

    private static Uni<Boolean> serving(Channel channel) {
        return Uni.createFrom().deferred(() -> MutinyHealthGrpc.newMutinyStub(channel)
                        .withDeadlineAfter(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
                        .check(HealthCheckRequest.getDefaultInstance()))
                .map(response -> response.getStatus() == ServingStatus.SERVING)
                // A peer without the health service still answered: it is reachable.
                .onFailure(f -> Status.fromThrowable(f).getCode() == Status.Code.UNIMPLEMENTED).recoverWithItem(true)
                .onFailure().recoverWithItem(false);
    }
}
