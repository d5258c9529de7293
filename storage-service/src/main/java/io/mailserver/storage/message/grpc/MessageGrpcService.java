package io.mailserver.storage.message.grpc;

import io.grpc.stub.StreamObserver;
import io.mailserver.contracts.storage.v1.AppendRequest;
import io.mailserver.contracts.storage.v1.AppendResponse;
import io.mailserver.contracts.storage.v1.SortRequest;
import io.mailserver.contracts.storage.v1.SortResponse;
import io.mailserver.contracts.storage.v1.ThreadRequest;
import io.mailserver.contracts.storage.v1.ThreadResponse;
import io.mailserver.contracts.storage.v1.ChangesSinceRequest;
import io.mailserver.contracts.storage.v1.ChangesSinceResponse;
import io.mailserver.contracts.storage.v1.CopyMessagesRequest;
import io.mailserver.contracts.storage.v1.CopyMessagesResponse;
import io.mailserver.contracts.storage.v1.ExpungeRequest;
import io.mailserver.contracts.storage.v1.ExpungeResponse;
import io.mailserver.contracts.storage.v1.FetchRequest;
import io.mailserver.contracts.storage.v1.FetchResponse;
import io.mailserver.contracts.storage.v1.MessageServiceGrpc;
import io.mailserver.contracts.storage.v1.SearchRequest;
import io.mailserver.contracts.storage.v1.SearchResponse;
import io.mailserver.contracts.storage.v1.StoreFlagsRequest;
import io.mailserver.contracts.storage.v1.StoreFlagsResponse;
import io.mailserver.storage.call.CallDeadline;
import io.mailserver.storage.call.GrpcBridge;
import io.mailserver.storage.config.StorageConfig;
import io.mailserver.storage.message.service.AppendService;
import io.mailserver.storage.message.service.ArrangeService;
import io.mailserver.storage.message.service.ChangesService;
import io.mailserver.storage.message.service.CopyService;
import io.mailserver.contracts.storage.v1.MailboxRef;
import io.mailserver.storage.account.service.AccountProvisioning;
import io.mailserver.storage.message.service.ExpungeService;
import io.smallrye.mutiny.Uni;
import io.mailserver.storage.message.service.FetchService;
import io.mailserver.storage.message.service.SearchService;
import io.mailserver.storage.message.service.StoreFlagsService;
import io.quarkus.grpc.GrpcService;
import java.time.Duration;

/**
 * gRPC {@code mail.storage.v1.MessageService}: maps each call to its command and failures to statuses.
 *
 * <p>Written against grpc-java's own base class rather than Quarkus' Mutiny interface, because
 * FetchMessages must follow gRPC flow control ({@link GrpcBridge#stream}): Quarkus 3.33's Mutiny
 * bridge requests a server stream without bound, which would decompress whole mailboxes into the
 * transport's buffers for a client that reads slowly.
 */
@GrpcService
public class MessageGrpcService extends MessageServiceGrpc.MessageServiceImplBase {

    private final FetchService fetch;
    private final StoreFlagsService storeFlags;
    private final ExpungeService expunge;
    private final ChangesService changes;
    private final SearchService search;
    private final AppendService append;
    private final ArrangeService arrange;
    private final CopyService copy;
    private final Duration commitMargin;
    private final AccountProvisioning provisioning;

    public MessageGrpcService(FetchService fetch, StoreFlagsService storeFlags, ExpungeService expunge,
            ChangesService changes, SearchService search, AppendService append, CopyService copy, ArrangeService arrange, StorageConfig config,
            AccountProvisioning provisioning) {
        this.commitMargin = config.delivery().commitMargin();
        this.provisioning = provisioning;
        this.fetch = fetch;
        this.storeFlags = storeFlags;
        this.expunge = expunge;
        this.changes = changes;
        this.search = search;
        this.append = append;
        this.arrange = arrange;
        this.copy = copy;
    }

    /** Every call but AppendMessage starts by making sure its account is provisioned. */
    private <T> Uni<T> provisioned(MailboxRef mailbox, java.util.function.Supplier<Uni<T>> call) {
        return provisioning.provisioned(mailbox.getAccountId(), call);
    }

    @Override
    public void fetchMessages(FetchRequest request, StreamObserver<FetchResponse> observer) {
        GrpcBridge.stream(() -> provisioning.provisionedStream(request.getMailbox().getAccountId(),
                () -> fetch.fetch(request)), observer);
    }

    @Override
    public void storeFlags(StoreFlagsRequest request, StreamObserver<StoreFlagsResponse> observer) {
        GrpcBridge.unary(() -> provisioned(request.getMailbox(), () -> storeFlags.store(request)), observer);
    }

    @Override
    public void expunge(ExpungeRequest request, StreamObserver<ExpungeResponse> observer) {
        GrpcBridge.unary(() -> provisioned(request.getMailbox(), () -> expunge.expunge(request)), observer);
    }

    @Override
    public void changesSince(ChangesSinceRequest request, StreamObserver<ChangesSinceResponse> observer) {
        GrpcBridge.unary(() -> provisioned(request.getMailbox(), () -> changes.changesSince(request)), observer);
    }

    @Override
    public void searchMessages(SearchRequest request, StreamObserver<SearchResponse> observer) {
        GrpcBridge.unary(() -> provisioned(request.getMailbox(), () -> search.search(request)), observer);
    }

    @Override
    public void sortMessages(SortRequest request, StreamObserver<SortResponse> observer) {
        GrpcBridge.unary(() -> provisioned(request.getMailbox(), () -> arrange.sort(request)), observer);
    }

    @Override
    public void threadMessages(ThreadRequest request, StreamObserver<ThreadResponse> observer) {
        GrpcBridge.unary(() -> provisioned(request.getMailbox(), () -> arrange.thread(request)), observer);
    }

    @Override
    public StreamObserver<AppendRequest> appendMessage(StreamObserver<AppendResponse> observer) {
        // The call's context is current only here, where gRPC enters the service.
        CallDeadline deadline = CallDeadline.ofCurrentCall(commitMargin);
        return GrpcBridge.collect(observer, requests -> append.append(requests, deadline));
    }

    @Override
    public void copyMessages(CopyMessagesRequest request, StreamObserver<CopyMessagesResponse> observer) {
        GrpcBridge.unary(() -> provisioned(request.getSource(), () -> copy.copy(request)), observer);
    }

    @Override
    public void moveMessages(CopyMessagesRequest request, StreamObserver<CopyMessagesResponse> observer) {
        GrpcBridge.unary(() -> provisioned(request.getSource(), () -> copy.move(request)), observer);
    }
}
