package io.mailserver.smtp.client;

import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import grpc.health.v1.MutinyHealthGrpc.MutinyHealthStub;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailserver.smtp.config.MailConfig;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while auth-service and storage-service answer: without them no RCPT can be checked and
 * no message stored. Asks the standard gRPC health service ({@code grpc.health.v1.Health/Check}),
 * which Quarkus gRPC servers expose; a peer that answers at all but has no health service still
 * counts as reachable.
 */
@Readiness
@ApplicationScoped
public class PeersReadinessCheck implements AsyncHealthCheck {

    private final MutinyHealthStub auth;
    private final MutinyHealthStub storage;
    private final long deadlineMillis;

    public PeersReadinessCheck(@GrpcClient("auth") MutinyHealthStub auth, @GrpcClient("storage") MutinyHealthStub storage,
            MailConfig config) {
        this.auth = auth;
        this.storage = storage;
        this.deadlineMillis = config.smtp().timeouts().health().toMillis();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.combine().all().unis(probe(auth), probe(storage)).asTuple().map(t -> HealthCheckResponse
                .named("smtp peers")
                .status(t.getItem1().equals("UP") && t.getItem2().equals("UP"))
                .withData("auth-service", t.getItem1())
                .withData("storage-service", t.getItem2())
                .build());
    }

    private Uni<String> probe(MutinyHealthStub stub) {
        return Uni.createFrom()
                .deferred(() -> stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                        .check(HealthCheckRequest.getDefaultInstance()))
                .map(r -> r.getStatus() == ServingStatus.SERVING ? "UP" : r.getStatus().name())
                .onFailure().recoverWithItem(PeersReadinessCheck::describe);
    }

    private static String describe(Throwable failure) {
        if (failure instanceof StatusRuntimeException s) {
            return s.getStatus().getCode() == Status.Code.UNIMPLEMENTED ? "UP" : s.getStatus().getCode().name();
        }
        return "DOWN";
    }
}
