package io.mailserver.imap.client;

import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.mailserver.contracts.storage.v1.AppendRequest;
import io.mailserver.contracts.storage.v1.ChangesSinceRequest;
import io.mailserver.contracts.storage.v1.ChangesSinceResponse;
import io.mailserver.contracts.storage.v1.CopyMessagesRequest;
import io.mailserver.contracts.storage.v1.CopyMessagesResponse;
import io.mailserver.contracts.storage.v1.CreateMailboxRequest;
import io.mailserver.contracts.storage.v1.DeleteMailboxRequest;
import io.mailserver.contracts.storage.v1.DeleteMailboxResponse;
import io.mailserver.contracts.storage.v1.ExpungeRequest;
import io.mailserver.contracts.storage.v1.ExpungeResponse;
import io.mailserver.contracts.storage.v1.FetchRequest;
import io.mailserver.contracts.storage.v1.FetchResponse;
import io.mailserver.contracts.storage.v1.GetMailboxRequest;
import io.mailserver.contracts.storage.v1.GetQuotaRequest;
import io.mailserver.contracts.storage.v1.ListMailboxesRequest;
import io.mailserver.contracts.storage.v1.ListMailboxesResponse;
import io.mailserver.contracts.storage.v1.Mailbox;
import io.mailserver.contracts.storage.v1.MailboxRef;
import io.mailserver.contracts.storage.v1.MailboxSnapshot;
import io.mailserver.contracts.storage.v1.MessageServiceGrpc;
import io.mailserver.contracts.storage.v1.MutinyMailboxServiceGrpc;
import io.mailserver.contracts.storage.v1.MutinyMessageServiceGrpc;
import io.mailserver.contracts.storage.v1.Quota;
import io.mailserver.contracts.storage.v1.RenameMailboxRequest;
import io.mailserver.contracts.storage.v1.SearchRequest;
import io.mailserver.contracts.storage.v1.SearchResponse;
import io.mailserver.contracts.storage.v1.SelectMailboxRequest;
import io.mailserver.contracts.storage.v1.SetSubscribedRequest;
import io.mailserver.contracts.storage.v1.SortCriterion;
import io.mailserver.contracts.storage.v1.SortRequest;
import io.mailserver.contracts.storage.v1.SortResponse;
import io.mailserver.contracts.storage.v1.StoreFlagsRequest;
import io.mailserver.contracts.storage.v1.StoreFlagsResponse;
import io.mailserver.contracts.storage.v1.ThreadAlgorithm;
import io.mailserver.contracts.storage.v1.ThreadRequest;
import io.mailserver.contracts.storage.v1.ThreadResponse;
import io.mailserver.imap.command.SearchKey;
import io.mailserver.imap.command.SortCommand;
import io.mailserver.imap.command.StoreCommand;
import io.mailserver.imap.command.ThreadCommand;
import io.mailserver.imap.config.ImapConfig;
import io.mailserver.imap.session.MessageNumbers;
import io.mailserver.imap.session.SelectedMailbox;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.BitSet;
import java.util.List;
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

    static MailboxRef mailbox(long accountId, long mailboxId) {
        return MailboxRef.newBuilder().setAccountId(accountId).setMailboxId(mailboxId).build();
    }

    static MailboxRef mailbox(long accountId, String name) {
        return MailboxRef.newBuilder().setAccountId(accountId).setName(name).build();
    }

    /** The account's quota usage and limits (RFC 9208). */
    public Uni<QuotaUsage> quota(long accountId) {
        GetQuotaRequest request = GetQuotaRequest.newBuilder().setAccountId(accountId).build();
        return this.<Quota>call(() -> mailboxes.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).getQuota(request))
                .map(StorageMessages::quota);
    }

    public Uni<MailboxListing> listMailboxes(long accountId) {
        ListMailboxesRequest request = ListMailboxesRequest.newBuilder().setAccountId(accountId).build();
        return this.<ListMailboxesResponse>call(
                        () -> mailboxes.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).listMailboxes(request))
                .map(StorageMessages::listing);
    }

    public Uni<MailboxInfo> createMailbox(long accountId, String name, MailboxRole role) {
        CreateMailboxRequest request = CreateMailboxRequest.newBuilder().setAccountId(accountId).setName(name)
                .setSpecialUse(StorageMessages.specialUse(role)).build();
        return mailboxCall(() -> mailboxes.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).createMailbox(request));
    }

    /** The id of the deleted mailbox. */
    public Uni<Long> deleteMailbox(long accountId, String name) {
        DeleteMailboxRequest request = DeleteMailboxRequest.newBuilder().setMailbox(mailbox(accountId, name)).build();
        return this.<DeleteMailboxResponse>call(
                        () -> mailboxes.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).deleteMailbox(request))
                .map(DeleteMailboxResponse::getMailboxId);
    }

    public Uni<MailboxInfo> renameMailbox(long accountId, String name, String newName) {
        RenameMailboxRequest request = RenameMailboxRequest.newBuilder().setMailbox(mailbox(accountId, name))
                .setNewName(newName).build();
        return mailboxCall(() -> mailboxes.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).renameMailbox(request));
    }

    public Uni<MailboxInfo> setSubscribed(long accountId, String name, boolean subscribed) {
        SetSubscribedRequest request = SetSubscribedRequest.newBuilder().setMailbox(mailbox(accountId, name))
                .setSubscribed(subscribed).build();
        return mailboxCall(() -> mailboxes.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).setSubscribed(request));
    }

    /**
     * COPY or MOVE of the messages at {@code positions} of the selected mailbox's {@code numbers}
     * into the mailbox named {@code target}.
     */
    public Uni<CopyResult> copy(long accountId, long mailboxId, MessageNumbers numbers, BitSet positions,
            String target, boolean move) {
        CopyMessagesRequest request = CopyMessagesRequest.newBuilder()
                .setSource(mailbox(accountId, mailboxId))
                .setUids(UidSets.of(numbers, positions))
                .setTarget(mailbox(accountId, target))
                .build();
        return this.<CopyMessagesResponse>call(() -> move
                        ? messages.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).moveMessages(request)
                        : messages.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).copyMessages(request))
                .map(StorageMessages::copied);
    }

    /** SELECT ({@code claimRecent}) or EXAMINE. */
    public Uni<MailboxSelection> selectMailbox(long accountId, String name, boolean claimRecent) {
        SelectMailboxRequest request = SelectMailboxRequest.newBuilder()
                .setMailbox(mailbox(accountId, name))
                .setClaimRecent(claimRecent).build();
        return this.<MailboxSnapshot>call(
                        () -> mailboxes.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).selectMailbox(request))
                .map(StorageMessages::selection);
    }

    /** One mailbox's counters, by name; {@code withRecent} also counts the messages nobody has as \Recent. */
    public Uni<MailboxInfo> getMailbox(long accountId, String name, boolean withRecent) {
        GetMailboxRequest request = GetMailboxRequest.newBuilder()
                .setMailbox(mailbox(accountId, name))
                .setWithRecentCount(withRecent).build();
        return mailboxCall(() -> mailboxes.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).getMailbox(request));
    }

    /**
     * STORE on the messages at {@code positions}; with {@code unchangedSince} above 0, only those not
     * changed since (RFC 7162 §3.1.3).
     */
    public Uni<StoreResult> storeFlags(long accountId, long mailboxId, MessageNumbers numbers, BitSet positions,
            StoreCommand.Mode mode, List<String> flags, long unchangedSince) {
        StoreFlagsRequest request = StoreFlagsRequest.newBuilder()
                .setMailbox(mailbox(accountId, mailboxId))
                .setUids(UidSets.of(numbers, positions))
                .setMode(switch (mode) {
                    case REPLACE -> StoreFlagsRequest.Mode.REPLACE;
                    case ADD -> StoreFlagsRequest.Mode.ADD;
                    case REMOVE -> StoreFlagsRequest.Mode.REMOVE;
                })
                .addAllFlags(flags)
                .setUnchangedSince(Math.max(0, unchangedSince))
                .build();
        return this.<StoreFlagsResponse>call(
                        () -> messages.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).storeFlags(request))
                .map(StorageMessages::stored);
    }

    /** Expunges those of the messages at {@code positions} that have \Deleted. */
    public Uni<ExpungeResult> expunge(long accountId, long mailboxId, MessageNumbers numbers, BitSet positions) {
        ExpungeRequest request = ExpungeRequest.newBuilder()
                .setMailbox(mailbox(accountId, mailboxId))
                .setUids(UidSets.of(numbers, positions))
                .build();
        return this.<ExpungeResponse>call(
                        () -> messages.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).expunge(request))
                .map(StorageMessages::expunged);
    }

    /** What changed; with {@code claimRecent} (read-write selection) new messages may become \Recent here. */
    public Uni<MailboxChanges> changesSince(long accountId, long mailboxId, long sinceModseq, boolean claimRecent) {
        ChangesSinceRequest request = ChangesSinceRequest.newBuilder().setMailbox(mailbox(accountId, mailboxId))
                .setSinceModseq(sinceModseq).setClaimRecent(claimRecent).build();
        return this.<ChangesSinceResponse>call(
                        () -> messages.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).changesSince(request))
                .map(StorageMessages::changes);
    }

    private Uni<MailboxInfo> mailboxCall(Supplier<Uni<? extends Mailbox>> call) {
        return this.<Mailbox>call(call).map(StorageMessages::mailbox);
    }

    /** The messages of the selected mailbox that match {@code key}. */
    public Uni<SearchResult> search(long accountId, SelectedMailbox mailbox, SearchKey key) {
        return search(accountId, mailbox.mailboxId(), SearchKeys.of(key, mailbox));
    }

    /** The highest mod-sequence among {@code uids} (RFC 7162 §3.1.5, a MIN/MAX search's MODSEQ). */
    public Uni<Long> highestModseq(long accountId, long mailboxId, MessageNumbers uids) {
        var key = io.mailserver.contracts.storage.v1.SearchKey.newBuilder().setUids(UidSets.exactly(uids)).build();
        return search(accountId, mailboxId, key).map(SearchResult::highestModseq);
    }

    private Uni<SearchResult> search(long accountId, long mailboxId,
            io.mailserver.contracts.storage.v1.SearchKey key) {
        SearchRequest request = SearchRequest.newBuilder().setMailbox(mailbox(accountId, mailboxId)).setKey(key).build();
        return this.<SearchResponse>call(
                        () -> messages.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).searchMessages(request))
                .map(response -> new SearchResult(StorageMessages.ranges(response.getUids()),
                        response.getHighestModseq()));
    }

    /** RFC 5256 SORT of the messages the session knows that match {@code key}. */
    public Uni<SortResult> sort(long accountId, SelectedMailbox mailbox, SearchKey key,
            List<SortCommand.Criterion> criteria) {
        SortRequest.Builder request = SortRequest.newBuilder()
                .setMailbox(mailbox(accountId, mailbox.mailboxId()))
                .setKey(SearchKeys.ofKnown(key, mailbox));
        for (SortCommand.Criterion criterion : criteria) {
            request.addCriteria(SortCriterion.newBuilder().setKey(StorageMessages.sortKey(criterion.key()))
                    .setReverse(criterion.reverse()));
        }
        return this.<SortResponse>call(
                        () -> messages.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).sortMessages(request.build()))
                .map(response -> new SortResult(response.getUidsList().stream().mapToInt(Integer::intValue).toArray(),
                        response.getHighestModseq()));
    }

    /** RFC 5256 THREAD of the messages the session knows that match {@code key}. */
    public Uni<ThreadTree> thread(long accountId, SelectedMailbox mailbox, SearchKey key,
            ThreadCommand.Algorithm algorithm) {
        ThreadRequest request = ThreadRequest.newBuilder()
                .setMailbox(mailbox(accountId, mailbox.mailboxId()))
                .setKey(SearchKeys.ofKnown(key, mailbox))
                .setAlgorithm(algorithm == ThreadCommand.Algorithm.REFERENCES
                        ? ThreadAlgorithm.THREAD_ALGORITHM_REFERENCES : ThreadAlgorithm.THREAD_ALGORITHM_ORDEREDSUBJECT)
                .build();
        return this.<ThreadResponse>call(
                        () -> messages.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).threadMessages(request))
                .map(StorageMessages::threads);
    }

    /**
     * Starts FetchMessages for the messages at {@code positions}; {@code markSeen} sets \Seen on
     * them, {@code changedSince} above 0 keeps only those changed after it (RFC 7162 CHANGEDSINCE).
     * Every callback of {@code listener} runs on {@code executor} (the connection's context); after
     * each item the listener says it has room with {@link FetchStream#request()}; storage is asked a
     * few items ahead (see {@link FetchObserver#ATTRIBUTES_WINDOW}). Call {@link FetchStream#request()} and
     * {@link FetchStream#cancel()} from that executor only.
     */
    public FetchStream fetch(long accountId, long mailboxId, MessageNumbers numbers, BitSet positions,
            WantedItems wanted, boolean markSeen, long changedSince, Executor executor, FetchListener listener) {
        FetchRequest request = FetchRequest.newBuilder()
                .setMailbox(mailbox(accountId, mailboxId))
                .setUids(UidSets.of(numbers, positions))
                .setItems(FetchItemsContract.of(wanted))
                .setMarkSeen(markSeen)
                .setChangedSince(Math.max(0, changedSince))
                .build();
        boolean bodies = !wanted.sections().isEmpty() || !wanted.binarySizes().isEmpty();
        FetchObserver observer = new FetchObserver(executor, listener,
                bodies ? FetchObserver.SECTIONS_WINDOW : FetchObserver.ATTRIBUTES_WINDOW);
        streamingMessages.fetchMessages(request, observer);
        return observer;
    }

    /**
     * Starts AppendMessage with its header; the caller sends the octets through the returned upload.
     * Callbacks run on {@code executor}, the connection's context.
     */
    public AppendUpload append(MessageToAppend first, Executor executor) {
        AppendUpload upload = new AppendUpload(executor);
        streamingMessages.withDeadlineAfter(appendDeadlineMillis, TimeUnit.MILLISECONDS).appendMessage(upload);
        upload.start(AppendRequest.newBuilder().setHeader(AppendUpload.header(first)).build());
        return upload;
    }

    private static <T> Uni<T> call(Supplier<Uni<? extends T>> call) {
        return Uni.createFrom().<T>deferred(call).onFailure().transform(f -> PeerFailures.translate(PEER, f));
    }

    /** Receives one FetchMessages stream on the connection's context. */
    public interface FetchListener {
        /** A message's attributes: always first for a message, before its sections' chunks. */
        void onAttributes(int uid, FetchedAttributes attributes);

        void onChunk(int uid, SectionData chunk);

        void onError(Throwable failure);

        void onCompleted();
    }

    /** Flow control of a running FetchMessages stream. */
    public interface FetchStream {
        /** The listener took a response and has room for more (storage is asked ahead in a window). */
        void request();

        void cancel();
    }

    private static final class FetchObserver implements ClientResponseObserver<FetchRequest, FetchResponse>, FetchStream {

        /**
         * Stream elements asked for ahead of the listener when they are attributes only (a few hundred
         * octets each). One at a time, every message of a FETCH waited for two thread hand-overs
         * (gRPC's executor to the connection's context and back): FETCH 1:* (FLAGS) on 1,000 messages
         * took 86 ms, 24 ms with this and batched writes (FetchWriter), measured on a busy machine.
         */
        static final int ATTRIBUTES_WINDOW = 32;
        /**
         * The same when sections are asked for: an element may be a 64 KiB chunk, and the listener
         * writes every element it was given even once the socket's queue is full, so this bounds what
         * a client that stops reading pins in this process (256 KiB on top of the queue's limit).
         */
        static final int SECTIONS_WINDOW = 4;

        private final Executor executor;
        private final FetchListener listener;
        private ClientCallStreamObserver<FetchRequest> call;
        private volatile boolean cancelled;
        private final int window;
        /** Elements the listener took since more were asked for; touched on the connection's context only. */
        private int taken;

        FetchObserver(Executor executor, FetchListener listener, int window) {
            this.executor = executor;
            this.listener = listener;
            this.window = window;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<FetchRequest> requestStream) {
            this.call = requestStream;
            // manual flow control: gRPC's window stops the server while the client socket is slow
            requestStream.disableAutoRequestWithInitial(window);
        }

        @Override
        public void onNext(FetchResponse value) {
            executor.execute(() -> {
                if (cancelled) {
                    return;
                }
                if (value.hasAttributes()) {
                    listener.onAttributes(value.getUid(), FetchItemsContract.attributes(value.getAttributes()));
                } else if (value.hasChunk()) {
                    listener.onChunk(value.getUid(), FetchItemsContract.chunk(value.getChunk()));
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
            if (!cancelled && ++taken >= window / 2) {
                call.request(taken);
                taken = 0;
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
