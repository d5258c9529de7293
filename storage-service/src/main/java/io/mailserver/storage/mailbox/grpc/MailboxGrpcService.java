package io.mailserver.storage.mailbox.grpc;

import io.mailserver.contracts.storage.v1.CreateMailboxRequest;
import io.mailserver.contracts.storage.v1.DeleteMailboxRequest;
import io.mailserver.contracts.storage.v1.DeleteMailboxResponse;
import io.mailserver.contracts.storage.v1.ListMailboxesRequest;
import io.mailserver.contracts.storage.v1.ListMailboxesResponse;
import io.mailserver.contracts.storage.v1.Mailbox;
import io.mailserver.contracts.storage.v1.MailboxService;
import io.mailserver.contracts.storage.v1.MailboxSnapshot;
import io.mailserver.contracts.storage.v1.RenameMailboxRequest;
import io.mailserver.contracts.storage.v1.SelectMailboxRequest;
import io.mailserver.contracts.storage.v1.GetMailboxRequest;
import io.mailserver.contracts.storage.v1.SetSubscribedRequest;
import io.mailserver.contracts.storage.v1.GetQuotaRequest;
import io.mailserver.contracts.storage.v1.Quota;
import io.mailserver.contracts.storage.v1.SetQuotaRequest;
import io.mailserver.storage.account.service.AccountProvisioning;
import io.mailserver.storage.account.service.Quotas;
import io.mailserver.storage.failure.GrpcFailures;
import io.mailserver.storage.mailbox.service.MailboxHierarchy;
import io.mailserver.storage.mailbox.service.MailboxSnapshots;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** gRPC {@code mail.storage.v1.MailboxService}: maps each call to its command and failures to statuses. */
@GrpcService
public class MailboxGrpcService implements MailboxService {

    private final MailboxHierarchy hierarchy;
    private final MailboxSnapshots snapshots;
    private final Quotas quotas;
    private final AccountProvisioning provisioning;

    public MailboxGrpcService(MailboxHierarchy hierarchy, MailboxSnapshots snapshots, Quotas quotas,
            AccountProvisioning provisioning) {
        this.hierarchy = hierarchy;
        this.snapshots = snapshots;
        this.quotas = quotas;
        this.provisioning = provisioning;
    }

    @Override
    public Uni<Quota> getQuota(GetQuotaRequest request) {
        return call(request.getAccountId(), () -> quotas.get(request.getAccountId()));
    }

    @Override
    public Uni<Quota> setQuota(SetQuotaRequest request) {
        return call(request.getAccountId(), () -> quotas.set(request));
    }

    @Override
    public Uni<ListMailboxesResponse> listMailboxes(ListMailboxesRequest request) {
        return call(request.getAccountId(), () -> hierarchy.list(request.getAccountId()));
    }

    @Override
    public Uni<Mailbox> createMailbox(CreateMailboxRequest request) {
        return call(request.getAccountId(),
                () -> hierarchy.create(request.getAccountId(), request.getName(), request.getSpecialUse()));
    }

    @Override
    public Uni<Mailbox> renameMailbox(RenameMailboxRequest request) {
        return call(request.getMailbox().getAccountId(), () -> hierarchy.rename(request.getMailbox(), request.getNewName()));
    }

    @Override
    public Uni<DeleteMailboxResponse> deleteMailbox(DeleteMailboxRequest request) {
        return call(request.getMailbox().getAccountId(), () -> hierarchy.delete(request.getMailbox())
                .map(id -> DeleteMailboxResponse.newBuilder().setMailboxId(id).build()));
    }

    @Override
    public Uni<Mailbox> setSubscribed(SetSubscribedRequest request) {
        return call(request.getMailbox().getAccountId(),
                () -> hierarchy.setSubscribed(request.getMailbox(), request.getSubscribed()));
    }

    @Override
    public Uni<MailboxSnapshot> selectMailbox(SelectMailboxRequest request) {
        return call(request.getMailbox().getAccountId(), () -> snapshots.select(request));
    }

    @Override
    public Uni<Mailbox> getMailbox(GetMailboxRequest request) {
        return call(request.getMailbox().getAccountId(), () -> snapshots.get(request));
    }

    /** The call, once its account is provisioned; failures as gRPC statuses. */
    private <T> Uni<T> call(long accountId, Supplier<Uni<T>> command) {
        return Uni.createFrom().deferred(() -> provisioning.provisioned(accountId, command))
                .onFailure().transform(GrpcFailures::toStatus);
    }
}
