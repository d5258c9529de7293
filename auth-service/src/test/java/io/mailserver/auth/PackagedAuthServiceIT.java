package io.mailserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.mailserver.contracts.auth.v1.AuthFailure;
import io.mailserver.contracts.auth.v1.AuthServiceGrpc;
import io.mailserver.contracts.auth.v1.AuthenticateRequest;
import io.mailserver.contracts.auth.v1.AuthenticateResponse;
import io.mailserver.contracts.auth.v1.Protocol;
import io.mailserver.contracts.auth.v1.ResolveRecipientRequest;
import io.mailserver.contracts.auth.v1.ResolveRecipientResponse;
import io.mailserver.localstack.admin.AdminClient;
import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.localstack.MailService;
import io.mailserver.localstack.process.ServiceProcess;
import io.mailserver.testkit.grpc.InternalChannels;
import io.mailserver.testkit.quarkus.SharedSystem;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar started as a process with exactly the configuration {@code mailctl up} and the
 * protocol services' tests give it ({@link LocalMailSystem#configFor}), used the way they use it:
 * {@link AdminClient} for setup, plain gRPC for logins and recipients.
 */
class PackagedAuthServiceIT {

    @Test
    void startsWithTheSystemConfigurationAndServesItsPeers() throws Exception {
        LocalMailSystem system = SharedSystem.get();
        system.startInfrastructure();
        ServiceProcess auth = system.startService(MailService.AUTH);
        assertThat(auth.healthStatus("/q/health/ready")).isEqualTo(200);
        assertThat(auth.healthStatus("/q/health/live")).isEqualTo(200);

        String domain = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        AdminClient admin = new AdminClient(system.adminUrl(), SharedSystem.ADMIN_TOKEN);
        assertThat(new AdminClient(system.adminUrl(), "wrong").listDomains().status()).isEqualTo(401);
        assertThat(admin.addDomain(domain).orThrow().status()).isEqualTo(201);
        assertThat(admin.addAccount("dave@" + domain, "dave-password").orThrow().status()).isEqualTo(201);
        assertThat(admin.addAlias("info@" + domain, List.of("dave@" + domain)).orThrow().status()).isEqualTo(201);
        assertThat(admin.changePassword("dave@" + domain, "dave-new-password").orThrow().status()).isEqualTo(204);
        assertThat(admin.listAccounts().orThrow().body()).contains("dave@" + domain).doesNotContain("argon2");

        // Logins are checked as imap-service checks them; recipients resolved as smtp-service does.
        ManagedChannel channel = InternalChannels.as(system.identity("imap-service"), system.settings().ports().authGrpc());
        ManagedChannel smtpChannel = InternalChannels.as(system.identity("smtp-service"), system.settings().ports().authGrpc());
        try {
            var stub = AuthServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
            AuthenticateResponse ok = stub.authenticate(login("Dave@" + domain, "dave-new-password"));
            AuthenticateResponse old = stub.authenticate(login("dave@" + domain, "dave-password"));
            ResolveRecipientResponse alias = AuthServiceGrpc.newBlockingStub(smtpChannel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .resolveRecipient(ResolveRecipientRequest.newBuilder().setAddress("info+x@" + domain).build());

            assertThat(ok.getAccount().getAddress()).isEqualTo("dave@" + domain);
            assertThat(old.getFailure().getReason()).isEqualTo(AuthFailure.Reason.INVALID_CREDENTIALS);
            assertThat(alias.getKind()).isEqualTo(ResolveRecipientResponse.Kind.LOCAL);
            assertThat(alias.getAccounts(0).getAccountId()).isEqualTo(ok.getAccount().getAccountId());
            assertThat(alias.getDetail()).isEqualTo("x");

            // Not an oracle for everyone: pop3-service may check logins but not resolve recipients,
            // and a caller without a certificate of this deployment gets nothing at all.
            ManagedChannel pop3 = InternalChannels.as(system.identity("pop3-service"), system.settings().ports().authGrpc());
            ManagedChannel anonymous = InternalChannels.anonymous(system.deploymentCa().certificate().toFile(),
                    system.settings().ports().authGrpc());
            try {
                assertThatThrownBy(() -> AuthServiceGrpc.newBlockingStub(pop3).withDeadlineAfter(10, TimeUnit.SECONDS)
                        .resolveRecipient(ResolveRecipientRequest.newBuilder().setAddress("info@" + domain).build()))
                        .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
                assertThatThrownBy(() -> AuthServiceGrpc.newBlockingStub(anonymous).withDeadlineAfter(10, TimeUnit.SECONDS)
                        .authenticate(login("dave@" + domain, "dave-new-password")))
                        .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.UNAVAILABLE));
            } finally {
                pop3.shutdownNow();
                anonymous.shutdownNow();
            }
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            smtpChannel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static AuthenticateRequest login(String username, String secret) {
        return AuthenticateRequest.newBuilder().setUsername(username).setSecret(secret)
                .setProtocol(Protocol.PROTOCOL_SUBMISSION).setRemoteAddress("198.51.100.7").setMechanism("PLAIN").build();
    }
}
