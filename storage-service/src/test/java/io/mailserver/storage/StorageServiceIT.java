package io.mailserver.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailserver.contracts.storage.v1.ListMailboxesRequest;
import io.mailserver.contracts.storage.v1.MailboxRef;
import io.mailserver.contracts.storage.v1.MailboxServiceGrpc;
import io.mailserver.contracts.storage.v1.SelectMailboxRequest;
import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.localstack.MailService;
import io.mailserver.localstack.pki.DeploymentCa;
import io.mailserver.localstack.process.ServiceProcess;
import io.mailserver.storage.support.PeerDelivery;
import io.mailserver.storage.support.SampleMessages;
import io.mailserver.storage.support.StorageTestClient;
import io.mailserver.testkit.grpc.InternalChannels;
import io.mailserver.testkit.quarkus.SharedSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged application, started exactly as {@code mailctl up} starts it (the configuration of
 * {@link LocalMailSystem#configFor}), becomes ready, answers its peers over mutual TLS, and refuses
 * everyone else.
 */
class StorageServiceIT {

    @Test
    void thePackagedServiceStartsWithTheLocalSystemConfigurationAndServes() throws Exception {
        LocalMailSystem system = SharedSystem.get();
        system.startInfrastructure();
        ServiceProcess storage = system.startService(MailService.STORAGE);
        assertThat(storage.healthStatus("/q/health/ready")).isEqualTo(200);
        assertThat(storage.healthStatus("/q/health/live")).isEqualTo(200);

        int port = system.settings().ports().storageGrpc();
        ManagedChannel smtp = InternalChannels.as(system.identity("smtp-service"), port);
        ManagedChannel imap = InternalChannels.as(system.identity("imap-service"), port);
        try {
            long account = StorageTestClient.newAccountId();
            byte[] raw = SampleMessages.plain("packaged", "delivered to the packaged service");
            assertThat(PeerDelivery.deliver(smtp, account, raw).get(60, TimeUnit.SECONDS).getMessages(0).getUid()).isEqualTo(1);
            var list = MailboxServiceGrpc.newBlockingStub(imap)
                    .listMailboxes(ListMailboxesRequest.newBuilder().setAccountId(account).build());
            assertThat(list.getMailboxesList()).extracting(m -> m.getName())
                    .containsExactlyInAnyOrder("INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive");
        } finally {
            smtp.shutdownNow();
            imap.shutdownNow();
            system.stopService(MailService.STORAGE);
        }
    }

    @Test
    void callsWithoutACertificateOfTheDeploymentOrOutsideTheCallersAllowanceAreRefused() throws Exception {
        LocalMailSystem system = SharedSystem.get();
        system.startInfrastructure();
        system.startService(MailService.STORAGE);
        int port = system.settings().ports().storageGrpc();
        long account = StorageTestClient.newAccountId();
        ListMailboxesRequest list = ListMailboxesRequest.newBuilder().setAccountId(account).build();
        byte[] raw = SampleMessages.plain("refused", "must never be stored");

        ManagedChannel plaintext = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        ManagedChannel anonymous = InternalChannels.anonymous(system.deploymentCa().certificate().toFile(), port);
        Path strangerCa = Files.createTempDirectory("stranger-ca");
        ManagedChannel stranger = InternalChannels.as(DeploymentCa.ensure(strangerCa).ensureIdentity("imap-service"), port);
        ManagedChannel pop3 = InternalChannels.as(system.identity("pop3-service"), port);
        ManagedChannel smtp = InternalChannels.as(system.identity("smtp-service"), port);
        try {
            assertThatThrownBy(() -> MailboxServiceGrpc.newBlockingStub(plaintext).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .listMailboxes(list)).isInstanceOf(StatusRuntimeException.class);
            // TLS without a client certificate, or with one from another CA: the handshake fails.
            assertThatThrownBy(() -> MailboxServiceGrpc.newBlockingStub(anonymous).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .listMailboxes(list)).isInstanceOf(StatusRuntimeException.class)
                    .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.UNAVAILABLE));
            assertThatThrownBy(() -> MailboxServiceGrpc.newBlockingStub(stranger).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .listMailboxes(list)).isInstanceOf(StatusRuntimeException.class)
                    .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.UNAVAILABLE));
            // A real peer, outside its allowance: pop3-service may read, never deliver; smtp-service may not read.
            assertThatThrownBy(() -> PeerDelivery.deliver(pop3, account, raw).get(30, TimeUnit.SECONDS))
                    .satisfies(e -> assertThat(Status.fromThrowable(e.getCause()).getCode())
                            .isEqualTo(Status.Code.PERMISSION_DENIED));
            assertThatThrownBy(() -> MailboxServiceGrpc.newBlockingStub(smtp).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .listMailboxes(list))
                    .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
            // pop3-service reads within its allowance: the account has no messages, nothing was delivered.
            var snapshot = MailboxServiceGrpc.newBlockingStub(pop3).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .selectMailbox(SelectMailboxRequest.newBuilder()
                            .setMailbox(MailboxRef.newBuilder().setAccountId(account).setName("INBOX")).build());
            assertThat(snapshot.getUids().getRangesCount()).isZero();
        } finally {
            for (ManagedChannel channel : List.of(plaintext, anonymous, stranger, pop3, smtp)) {
                channel.shutdownNow();
            }
            system.stopService(MailService.STORAGE);
        }
    }
}
