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

    public MailboxGrpcService(MailboxHierarchy hierarchy, MailboxSnapshots snapshots, Quotas quotas) {
        this.hierarchy = hierarchy;
        this.snapshots = snapshots;
        this.quotas = quotas;
    }

    @Override
    public Uni<Quota> getQuota(GetQuotaRequest request) {
        return call(() -> quotas.get(request.getAccountId()));
    }

    @Override
    public Uni<Quota> setQuota(SetQuotaRequest request) {
        return call(() -> quotas.set(request));
    }

    @Override
    public Uni<ListMailboxesResponse> listMailboxes(ListMailboxesRequest request) {
        return call(() -> hierarchy.list(request.getAccountId()));
    }

    @Override
    public Uni<Mailbox> createMailbox(CreateMailboxRequest request) {
        return call(() -> hierarchy.create(request.getAccountId(), request.getName(), request.getSpecialUse()));
    }

    @Override
    public Uni<Mailbox> renameMailbox(RenameMailboxRequest request) {
        return call(() -> hierarchy.rename(request.getMailbox(), request.getNewName()));
    }

    @Override
    public Uni<DeleteMailboxResponse> deleteMailbox(DeleteMailboxRequest request) {
        return call(() -> hierarchy.delete(request.getMailbox())
                .map(id -> DeleteMailboxResponse.newBuilder().setMailboxId(id).build()));
    }

    @Override
    public Uni<Mailbox> setSubscribed(SetSubscribedRequest request) {
        return call(() -> hierarchy.setSubscribed(request.getMailbox(), request.getSubscribed()));
    }

    @Override
    public Uni<MailboxSnapshot> selectMailbox(SelectMailboxRequest request) {
        return call(() -> snapshots.select(request));
    }

    @Override
    public Uni<Mailbox> getMailbox(GetMailboxRequest request) {
        return call(() -> snapshots.get(request));
    }

    private static <T> Uni<T> call(Supplier<Uni<T>> command) {
        return Uni.createFrom().deferred(() -> command.get()).onFailure().transform(GrpcFailures::toStatus);
    }
}
