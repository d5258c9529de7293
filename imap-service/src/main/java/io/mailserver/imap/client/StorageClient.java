package io.mailserver.imap.client;

import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.mailserver.contracts.storage.v1.AppendHeader;
import io.mailserver.contracts.storage.v1.AppendRequest;
import io.mailserver.contracts.storage.v1.ChangesSinceRequest;
import io.mailserver.contracts.storage.v1.CopyMessagesRequest;
import io.mailserver.contracts.storage.v1.CopyMessagesResponse;
import io.mailserver.contracts.storage.v1.CreateMailboxRequest;
import io.mailserver.contracts.storage.v1.DeleteMailboxRequest;
import io.mailserver.contracts.storage.v1.Mailbox;
import io.mailserver.contracts.storage.v1.RenameMailboxRequest;
import io.mailserver.contracts.storage.v1.SetSubscribedRequest;
import io.mailserver.contracts.storage.v1.SpecialUse;
import io.mailserver.contracts.storage.v1.ChangesSinceResponse;
import io.mailserver.contracts.storage.v1.ExpungeRequest;
import io.mailserver.contracts.storage.v1.ExpungeResponse;
import io.mailserver.contracts.storage.v1.FetchRequest;
import io.mailserver.contracts.storage.v1.FetchResponse;
import io.mailserver.contracts.storage.v1.ListMailboxesRequest;
import io.mailserver.contracts.storage.v1.ListMailboxesResponse;
import io.mailserver.contracts.storage.v1.MailboxRef;
import io.mailserver.contracts.storage.v1.MailboxSnapshot;
import io.mailserver.contracts.storage.v1.MessageServiceGrpc;
import io.mailserver.contracts.storage.v1.MutinyMailboxServiceGrpc;
import io.mailserver.contracts.storage.v1.MutinyMessageServiceGrpc;
import io.mailserver.contracts.storage.v1.SearchRequest;
import io.mailserver.contracts.storage.v1.SearchResponse;
import io.mailserver.contracts.storage.v1.GetQuotaRequest;
import io.mailserver.contracts.storage.v1.Quota;
import io.mailserver.contracts.storage.v1.SortRequest;
import io.mailserver.contracts.storage.v1.SortResponse;
import io.mailserver.contracts.storage.v1.ThreadRequest;
import io.mailserver.contracts.storage.v1.ThreadResponse;
import io.mailserver.contracts.storage.v1.SelectMailboxRequest;
import io.mailserver.contracts.storage.v1.GetMailboxRequest;
import io.mailserver.contracts.storage.v1.StoreFlagsRequest;
import io.mailserver.contracts.storage.v1.StoreFlagsResponse;
import io.mailserver.imap.config.ImapConfig;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * storage-service as imap-service uses it: one coarse call per IMAP command. Owns deadlines and
 * error mapping; FETCH is a flow-controlled stream so message data is pulled only as fast as the
 * client takes it.
 */
@ApplicationScoped
public class StorageClient {

    static final String PEER = "storage-service";

    private final MutinyMailboxServiceGrpc.MutinyMailboxServiceStub mailboxes;
    private final MutinyMessageServiceGrpc.MutinyMessageServiceStub messages;
    private final MessageServiceGrpc.MessageServiceStub streamingMessages;
    private final long deadlineMillis;
    private final long appendDeadlineMillis;

    public StorageClient(@GrpcClient("storage") MutinyMailboxServiceGrpc.MutinyMailboxServiceStub mailboxes,
            @GrpcClient("storage") MutinyMessageServiceGrpc.MutinyMessageServiceStub messages,
            @GrpcClient("storage") Channel channel, ImapConfig config) {
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.streamingMessages = MessageServiceGrpc.newStub(channel);
        this.deadlineMillis = config.imap().timeouts().peerCall().toMillis();
        this.appendDeadlineMillis = config.imap().timeouts().appendUpload().toMillis();
    }

    public static MailboxRef mailbox(long accountId, long mailboxId) {
        return MailboxRef.newBuilder().setAccountId(accountId).setMailboxId(mailboxId).build();
    }

    /** The account's quota usage and limits (RFC 9208). */
    public Uni<Quota> quota(long accountId) {
        GetQuotaRequest request = GetQuotaRequest.newBuilder().setAccountId(accountId).build();
        return call(() -> mailboxes.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).getQuota(request));
    }

    public Uni<ListMailboxesResponse> listMailboxes(long accountId) {
        ListMailboxesRequest request = ListMailboxesRequest.newBuilder().setAccountId(accountId).build();
        return call(() -> mailboxes.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).listMailboxes(request));
    }

    public static MailboxRef mailbox(long accountId, String name) {
        return MailboxRef.newBuilder().setAccountId(accountId).setName(name).build();
    }

    public Uni<Mailbox> createMailbox(long accountId, String name, SpecialUse use) {
        CreateMailboxRequest request = CreateMailboxRequest.newBuilder().setAccountId(accountId).setName(name)
                .setSpecialUse(use).build();
        return call(() -> mailboxes.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).createMailbox(request));
    }

    /** The id of the deleted mailbox. */
    public Uni<Long> deleteMailbox(MailboxRef mailbox) {
        DeleteMailboxRequest request = DeleteMailboxRequest.newBuilder().setMailbox(mailbox).build();
        return this.<io.mailserver.contracts.storage.v1.DeleteMailboxResponse>call(
                        () -> mailboxes.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).deleteMailbox(request))
                .map(response -> response.getMailboxId());
    }

    public Uni<Mailbox> renameMailbox(MailboxRef mailbox, String newName) {
        RenameMailboxRequest request = RenameMailboxRequest.newBuilder().setMailbox(mailbox).setNewName(newName).build();
        return call(() -> mailboxes.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).renameMailbox(request));
    }

    public Uni<Mailbox> setSubscribed(MailboxRef mailbox, boolean subscribed) {
        SetSubscribedRequest request = SetSubscribedRequest.newBuilder().setMailbox(mailbox).setSubscribed(subscribed)
                .build();
        return call(() -> mailboxes.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).setSubscribed(request));
    }

    public Uni<CopyMessagesResponse> copy(CopyMessagesRequest request) {
        return call(() -> messages.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).copyMessages(request));
    }

    public Uni<CopyMessagesResponse> move(CopyMessagesRequest request) {
        return call(() -> messages.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).moveMessages(request));
    }

    /** SELECT ({@code claimRecent}) or EXAMINE. */
    public Uni<MailboxSnapshot> selectMailbox(long accountId, String name, boolean claimRecent) {
        SelectMailboxRequest request = SelectMailboxRequest.newBuilder()
                .setMailbox(MailboxRef.newBuilder().setAccountId(accountId).setName(name))
                .setClaimRecent(claimRecent).build();
        return call(() -> mailboxes.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).selectMailbox(request));
    }

    /** One mailbox's counters, by name; {@code withRecent} also counts the messages nobody has as \Recent. */
    public Uni<Mailbox> getMailbox(long accountId, String name, boolean withRecent) {
        GetMailboxRequest request = GetMailboxRequest.newBuilder()
                .setMailbox(MailboxRef.newBuilder().setAccountId(accountId).setName(name))
                .setWithRecentCount(withRecent).build();
        return call(() -> mailboxes.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).getMailbox(request));
    }

    public Uni<StoreFlagsResponse> storeFlags(StoreFlagsRequest request) {
        return call(() -> messages.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).storeFlags(request));
    }

    public Uni<ExpungeResponse> expunge(ExpungeRequest request) {
        return call(() -> messages.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).expunge(request));
    }

    /** What changed; with {@code claimRecent} (read-write selection) new messages may become \Recent here. */
    public Uni<ChangesSinceResponse> changesSince(MailboxRef mailbox, long sinceModseq, boolean claimRecent) {
        ChangesSinceRequest request = ChangesSinceRequest.newBuilder().setMailbox(mailbox)
                .setSinceModseq(sinceModseq).setClaimRecent(claimRecent).build();
        return call(() -> messages.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).changesSince(request));
    }

    public Uni<SearchResponse> search(SearchRequest request) {
        return call(() -> messages.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).searchMessages(request));
    }

    public Uni<SortResponse> sort(SortRequest request) {
        return call(() -> messages.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).sortMessages(request));
    }

    public Uni<ThreadResponse> thread(ThreadRequest request) {
        return call(() -> messages.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).threadMessages(request));
    }

    /**
     * Starts FetchMessages. Every callback of {@code listener} runs on {@code executor} (the
     * connection's context); after each response the listener asks for the next one with
     * {@link FetchStream#request()}, so at most one response waits in this process. Call
     * {@link FetchStream#request()} and {@link FetchStream#cancel()} from that executor only.
     */
    public FetchStream fetch(FetchRequest request, Executor executor, FetchListener listener) {
        FetchObserver observer = new FetchObserver(executor, listener);
        streamingMessages.fetchMessages(request, observer);
        return observer;
    }

    /**
     * Starts AppendMessage with its header; the caller sends the octets through the returned upload.
     * Callbacks run on {@code executor}, the connection's context.
     */
    public AppendUpload append(AppendHeader header, Executor executor) {
        AppendUpload upload = new AppendUpload(executor);
        streamingMessages.withDeadlineAfter(appendDeadlineMillis, TimeUnit.MILLISECONDS).appendMessage(upload);
        upload.start(AppendRequest.newBuilder().setHeader(header).build());
        return upload;
    }

    private static <T> Uni<T> call(Supplier<Uni<? extends T>> call) {
        return Uni.createFrom().<T>deferred(call).onFailure().transform(f -> PeerFailures.translate(PEER, f));
    }

    /** Receives one FetchMessages stream on the connection's context. */
    public interface FetchListener {
        void onResponse(FetchResponse response);

        void onError(Throwable failure);

        void onCompleted();
    }

    /** Flow control of a running FetchMessages stream. */
    public interface FetchStream {
        /** Asks for the next response. */
        void request();

        void cancel();
    }

    private static final class FetchObserver implements ClientResponseObserver<FetchRequest, FetchResponse>, FetchStream {

        private final Executor executor;
        private final FetchListener listener;
        private ClientCallStreamObserver<FetchRequest> call;
        private volatile boolean cancelled;

        FetchObserver(Executor executor, FetchListener listener) {
            this.executor = executor;
            this.listener = listener;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<FetchRequest> requestStream) {
            this.call = requestStream;
            // manual flow control: gRPC's window stops the server while the client socket is slow
            requestStream.disableAutoRequestWithInitial(1);
        }

        @Override
        public void onNext(FetchResponse value) {
            executor.execute(() -> {
                if (!cancelled) {
                    listener.onResponse(value);
                }
            });
        }

        @Override
        public void onError(Throwable t) {
            executor.execute(() -> {
                if (!cancelled) {
                    listener.onError(PeerFailures.translate(PEER, t));
                }
            });
        }

        @Override
        public void onCompleted() {
            executor.execute(() -> {
                if (!cancelled) {
                    listener.onCompleted();
                }
            });
        }

        @Override
        public void request() {
            if (!cancelled) {
                call.request(1);
            }
        }

        @Override
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                call.cancel("client connection closed", null);
            }
        }
    }
}
