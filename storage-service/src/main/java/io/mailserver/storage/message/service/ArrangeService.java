package io.mailserver.storage.message.service;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mailserver.contracts.storage.v1.Envelope;
import io.mailserver.contracts.storage.v1.MailboxRef;
import io.mailserver.contracts.storage.v1.SearchKey;
import io.mailserver.contracts.storage.v1.SortRequest;
import io.mailserver.contracts.storage.v1.SortResponse;
import io.mailserver.contracts.storage.v1.ThreadAlgorithm;
import io.mailserver.contracts.storage.v1.ThreadNode;
import io.mailserver.contracts.storage.v1.ThreadRequest;
import io.mailserver.contracts.storage.v1.ThreadResponse;
import io.mailserver.storage.failure.StorageException;
import io.mailserver.storage.mailbox.repository.MailboxRepository;
import io.mailserver.storage.message.arrange.MessageIds;
import io.mailserver.storage.message.arrange.MessageSorter;
import io.mailserver.storage.message.arrange.OrderedSubjectThreader;
import io.mailserver.storage.message.arrange.ReferencesThreader;
import io.mailserver.storage.message.arrange.SortableMessage;
import io.mailserver.storage.message.arrange.ThreadTree;
import io.mailserver.storage.message.repository.MessageRepository;
import io.mailserver.storage.mime.HeaderBlock;
import io.mailserver.storage.sql.CustomPlans;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * SORT and THREAD (RFC 5256): the messages matching the search key are read in one query (the
 * envelope, and for THREAD=REFERENCES the stored top-level header), then ordered or threaded on a
 * worker thread, since a large mailbox takes a while and must not hold an event loop.
 */
@ApplicationScoped
public class ArrangeService {

    /** Header fields read to find References; a header with more is searched only this far. */
    private static final int MAX_HEADER_FIELDS = 1000;

    private final Pool pool;
    private final MailboxRepository mailboxes;
    private final MessageRepository messages;

    public ArrangeService(Pool pool, MailboxRepository mailboxes,
            MessageRepository messages) {
        this.pool = pool;
        this.mailboxes = mailboxes;
        this.messages = messages;
    }

    public Uni<SortResponse> sort(SortRequest request) {
        if (request.getCriteriaCount() == 0) {
            return Uni.createFrom().failure(StorageException.invalidArgument("no sort criteria"));
        }
        return read(request.getMailbox(), request.hasKey() ? request.getKey() : null, false)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(found -> {
                    SortResponse.Builder response = SortResponse.newBuilder();
                    long highest = 0;
                    for (SortableMessage m : MessageSorter.sort(found, request.getCriteriaList())) {
                        response.addUids((int) m.uid());
                        highest = Math.max(highest, m.modseq());
                    }
                    return response.setHighestModseq(highest).build();
                });
    }

    public Uni<ThreadResponse> thread(ThreadRequest request) {
        ThreadAlgorithm algorithm = request.getAlgorithm();
        if (algorithm != ThreadAlgorithm.THREAD_ALGORITHM_REFERENCES
                && algorithm != ThreadAlgorithm.THREAD_ALGORITHM_ORDEREDSUBJECT) {
            return Uni.createFrom().failure(StorageException.invalidArgument("unknown threading algorithm"));
        }
        boolean references = algorithm == ThreadAlgorithm.THREAD_ALGORITHM_REFERENCES;
        return read(request.getMailbox(), request.hasKey() ? request.getKey() : null, references)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(found -> flatten(references ? ReferencesThreader.thread(found) : OrderedSubjectThreader.thread(found)));
    }

    private Uni<List<SortableMessage>> read(MailboxRef mailbox, SearchKey key, boolean withReferences) {
        SearchSql.Compiled compiled = SearchSql.compile(key != null ? key : SearchKey.newBuilder().setAll(true).build());
        return mailboxes.resolve(pool, mailbox, false)
                .flatMap(resolved -> CustomPlans.run(pool, tx -> messages.sortRows(tx, resolved.accountId(),
                        resolved.mailboxId(), compiled.condition(), compiled.parameters(), withReferences)))
                .map(rows -> {
                    List<SortableMessage> list = new ArrayList<>(rows.size());
                    for (MessageRepository.SortRow row : rows) {
                        Envelope envelope = envelope(row.envelope());
                        list.add(SortableMessage.of(row.uid(), row.modseq(), row.size(), row.internalDate(), envelope,
                                withReferences ? references(row.header(), envelope) : List.of()));
                    }
                    return list;
                });
    }

    private static Envelope envelope(byte[] stored) {
        try {
            return Envelope.parseFrom(stored);
        } catch (InvalidProtocolBufferException e) {
            // written by this service; unreadable means an empty envelope, not a failed SORT
            return Envelope.getDefaultInstance();
        }
    }

    /** RFC 5256 §3 (1): the References ids, or the In-Reply-To id when References gives none. */
    private static List<String> references(byte[] header, Envelope envelope) {
        List<String> ids = HeaderBlock.parse(header, 0, header.length, MAX_HEADER_FIELDS).value("References")
                .map(MessageIds::parse).orElse(List.of());
        if (ids.isEmpty() && envelope.hasInReplyTo()) {
            List<String> replyTo = MessageIds.parse(envelope.getInReplyTo());
            return replyTo.isEmpty() ? List.of() : List.of(replyTo.get(0));
        }
        return ids;
    }

    /** The forest as nodes, parents first, siblings in order (a stack, not recursion: chains run deep). */
    private static ThreadResponse flatten(List<ThreadTree> roots) {
        ThreadResponse.Builder response = ThreadResponse.newBuilder();
        record Pending(ThreadTree tree, int parent) {
        }
        Deque<Pending> stack = new ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            stack.push(new Pending(roots.get(i), -1));
        }
        while (!stack.isEmpty()) {
            Pending next = stack.pop();
            int index = response.getNodesCount();
            response.addNodes(ThreadNode.newBuilder()
                    .setUid(next.tree().message() == null ? 0 : (int) next.tree().message().uid())
                    .setParent(next.parent()));
            List<ThreadTree> children = next.tree().children();
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(new Pending(children.get(i), index));
            }
        }
        return response.build();
    }
}
