package io.mailserver.pop3.client;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailserver.contracts.storage.v1.BodySection;
import io.mailserver.contracts.storage.v1.ExpungeRequest;
import io.mailserver.contracts.storage.v1.FetchItems;
import io.mailserver.contracts.storage.v1.FetchRequest;
import io.mailserver.contracts.storage.v1.FetchResponse;
import io.mailserver.contracts.storage.v1.MailboxRef;
import io.mailserver.contracts.storage.v1.MailboxSnapshot;
import io.mailserver.contracts.storage.v1.MessageServiceGrpc;
import io.mailserver.contracts.storage.v1.MutinyMailboxServiceGrpc;
import io.mailserver.contracts.storage.v1.MutinyMessageServiceGrpc;
import io.mailserver.contracts.storage.v1.SelectMailboxRequest;
import io.mailserver.contracts.storage.v1.UidRange;
import io.mailserver.contracts.storage.v1.UidSet;
import io.mailserver.pop3.config.MailConfig;
import io.mailserver.pop3.session.Maildrop;
import io.mailserver.pop3.session.MaildropMessage;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** storage-service's {@code MailboxService} and {@code MessageService}, as a POP3 maildrop needs them. */
@ApplicationScoped
public class StorageClient {

    /** The maildrop of RFC 1939 is the INBOX. */
    static final String INBOX = "INBOX";

    @GrpcClient("storage")
    MutinyMailboxServiceGrpc.MutinyMailboxServiceStub mailboxes;

    @GrpcClient("storage")
    MutinyMessageServiceGrpc.MutinyMessageServiceStub messages;

    @GrpcClient("storage")
    Channel channel;

    @Inject
    MailConfig config;

    /**
     * Takes the snapshot a session works on: the INBOX's UIDs (one {@code SelectMailbox}) and the
     * exact size of each (one {@code FetchMessages} for all of them). An account without an INBOX
     * has an empty maildrop. Fails with {@link PeerUnavailableException}.
     */
    public Uni<Maildrop> openMaildrop(long accountId) {
        SelectMailboxRequest select = SelectMailboxRequest.newBuilder()
                .setMailbox(MailboxRef.newBuilder().setAccountId(accountId).setName(INBOX))
                .build();
        return Uni.createFrom().deferred(() -> mailboxes.withDeadlineAfter(deadlineMillis(), TimeUnit.MILLISECONDS)
                        .selectMailbox(select))
                .onItem().transformToUni(snapshot -> sizes(accountId, snapshot))
                .onFailure(StorageClient::isNotFound).recoverWithItem(() -> Maildrop.empty(accountId))
                .onFailure().transform(failure -> new PeerUnavailableException("storage-service: opening the INBOX failed", failure));
    }

    private Uni<Maildrop> sizes(long accountId, MailboxSnapshot snapshot) {
        long mailboxId = snapshot.getMailbox().getMailboxId();
        long uidValidity = Integer.toUnsignedLong(snapshot.getMailbox().getUidValidity());
        if (snapshot.getUids().getRangesCount() == 0) {
            return Uni.createFrom().item(new Maildrop(accountId, mailboxId, uidValidity, List.of()));
        }
        FetchRequest fetch = FetchRequest.newBuilder()
                .setMailbox(byId(accountId, mailboxId))
                .setUids(snapshot.getUids())
                .setItems(FetchItems.newBuilder().setSize(true))
                .build();
        // Messages expunged between the two calls simply do not come back, and are not in the snapshot.
        return messages.withDeadlineAfter(deadlineMillis(), TimeUnit.MILLISECONDS)
                .fetchMessages(fetch)
                .filter(FetchResponse::hasAttributes)
                .map(r -> new MaildropMessage(Integer.toUnsignedLong(r.getUid()), r.getAttributes().getSize()))
                .collect().asList()
                .map(list -> new Maildrop(accountId, mailboxId, uidValidity,
                        list.stream().sorted(Comparator.comparingLong(MaildropMessage::uid)).distinct().toList()));
    }

    /**
     * The given sections of one message, as a stream the caller paces. Nothing is sent before
     * {@link ContentStream#start}.
     */
    public ContentStream content(Maildrop maildrop, long uid, List<BodySection> sections) {
        FetchRequest fetch = FetchRequest.newBuilder()
                .setMailbox(byId(maildrop.accountId(), maildrop.mailboxId()))
                .setUids(uidSet(List.of(uid)))
                .setItems(FetchItems.newBuilder().addAllSections(sections))
                .build();
        return new FetchStream(MessageServiceGrpc.newStub(channel), fetch, (int) uid);
    }

    /**
     * Removes the given messages whether or not they carry \Deleted (the POP3 UPDATE state, RFC 1939 §6)
     * and answers how many were removed (messages already gone are not counted). Fails with
     * {@link PeerUnavailableException}.
     */
    public Uni<Long> expunge(long accountId, long mailboxId, List<Long> uids) {
        ExpungeRequest request = ExpungeRequest.newBuilder()
                .setMailbox(byId(accountId, mailboxId))
                .setUids(uidSet(uids))
                .setIgnoreDeletedFlag(true)
                .build();
        return Uni.createFrom().deferred(() -> messages.withDeadlineAfter(deadlineMillis(), TimeUnit.MILLISECONDS)
                        .expunge(request))
                .map(response -> count(response.getExpunged()))
                .onFailure().transform(failure -> new PeerUnavailableException("storage-service: expunge failed", failure));
    }

    private long deadlineMillis() {
        return config.pop3().timeouts().peerCall().toMillis();
    }

    private static MailboxRef byId(long accountId, long mailboxId) {
        return MailboxRef.newBuilder().setAccountId(accountId).setMailboxId(mailboxId).build();
    }

    /** Ascending UIDs as the fewest ranges. */
    static UidSet uidSet(List<Long> ascendingUids) {
        UidSet.Builder set = UidSet.newBuilder();
        int i = 0;
        while (i < ascendingUids.size()) {
            long first = ascendingUids.get(i);
            long last = first;
            while (i + 1 < ascendingUids.size() && ascendingUids.get(i + 1) == last + 1) {
                last = ascendingUids.get(++i);
            }
            set.addRanges(UidRange.newBuilder().setFirst((int) first).setLast((int) last));
            i++;
        }
        return set.build();
    }

    static long count(UidSet set) {
        long n = 0;
        for (UidRange range : set.getRangesList()) {
            n += Integer.toUnsignedLong(range.getLast()) - Integer.toUnsignedLong(range.getFirst()) + 1;
        }
        return n;
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof StatusRuntimeException e && e.getStatus().getCode() == Status.Code.NOT_FOUND;
    }
}
