package io.mailserver.storage.message.grpc;

import io.mailserver.contracts.storage.v1.AppendRequest;
import io.mailserver.contracts.storage.v1.AppendResponse;
import io.mailserver.contracts.storage.v1.ChangesSinceRequest;
import io.mailserver.contracts.storage.v1.ChangesSinceResponse;
import io.mailserver.contracts.storage.v1.CopyMessagesRequest;
import io.mailserver.contracts.storage.v1.CopyMessagesResponse;
import io.mailserver.contracts.storage.v1.ExpungeRequest;
import io.mailserver.contracts.storage.v1.ExpungeResponse;
import io.mailserver.contracts.storage.v1.FetchRequest;
import io.mailserver.contracts.storage.v1.FetchResponse;
import io.mailserver.contracts.storage.v1.MessageService;
import io.mailserver.contracts.storage.v1.SearchRequest;
import io.mailserver.contracts.storage.v1.SearchResponse;
import io.mailserver.contracts.storage.v1.StoreFlagsRequest;
import io.mailserver.contracts.storage.v1.StoreFlagsResponse;
import io.mailserver.storage.call.CallDeadline;
import io.mailserver.storage.config.StorageConfig;
import io.mailserver.storage.failure.GrpcFailures;
import io.mailserver.storage.message.service.AppendService;
import io.mailserver.storage.message.service.ChangesService;
import io.mailserver.storage.message.service.CopyService;
import io.mailserver.storage.message.service.ExpungeService;
import io.mailserver.storage.message.service.FetchService;
import io.mailserver.storage.message.service.SearchService;
import io.mailserver.storage.message.service.StoreFlagsService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Supplier;

/** gRPC {@code mail.storage.v1.MessageService}: maps each call to its command and failures to statuses. */
@GrpcService
public class MessageGrpcService implements MessageService {

    private final FetchService fetch;
    private final StoreFlagsService storeFlags;
    private final ExpungeService expunge;
    private final ChangesService changes;
    private final SearchService search;
    private final AppendService append;
    private final CopyService copy;
    private final Duration commitMargin;

    public MessageGrpcService(FetchService fetch, StoreFlagsService storeFlags, ExpungeService expunge,
            ChangesService changes, SearchService search, AppendService append, CopyService copy, StorageConfig config) {
        this.commitMargin = config.delivery().commitMargin();
        this.fetch = fetch;
        this.storeFlags = storeFlags;
        this.expunge = expunge;
        this.changes = changes;
        this.search = search;
        this.append = append;
        this.copy = copy;
    }

    @Override
    public Multi<FetchResponse> fetchMessages(FetchRequest request) {
        return Multi.createFrom().deferred(() -> fetch.fetch(request))
                .onFailure().transform(GrpcFailures::toStatus);
    }

    @Override
    public Uni<StoreFlagsResponse> storeFlags(StoreFlagsRequest request) {
        return call(() -> storeFlags.store(request));
    }

    @Override
    public Uni<ExpungeResponse> expunge(ExpungeRequest request) {
        return call(() -> expunge.expunge(request));
    }

    @Override
    public Uni<ChangesSinceResponse> changesSince(ChangesSinceRequest request) {
        return call(() -> changes.changesSince(request));
    }

    @Override
    public Uni<SearchResponse> searchMessages(SearchRequest request) {
        return call(() -> search.search(request));
    }

    @Override
    public Uni<AppendResponse> appendMessage(Multi<AppendRequest> request) {
        // The call's context is current only here, where gRPC enters the service.
        CallDeadline deadline = CallDeadline.ofCurrentCall(commitMargin);
        return call(() -> append.append(request, deadline));
    }

    @Override
    public Uni<CopyMessagesResponse> copyMessages(CopyMessagesRequest request) {
        return call(() -> copy.copy(request));
    }

    @Override
    public Uni<CopyMessagesResponse> moveMessages(CopyMessagesRequest request) {
        return call(() -> copy.move(request));
    }

    /** Defers the call so that a refusal thrown while building it also becomes a status. */
    static <T> Uni<T> call(Supplier<Uni<T>> command) {
        return Uni.createFrom().deferred(() -> command.get()).onFailure().transform(GrpcFailures::toStatus);
    }
}
