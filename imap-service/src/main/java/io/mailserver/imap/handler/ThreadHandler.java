package io.mailserver.imap.handler;

import io.mailserver.contracts.storage.v1.ThreadAlgorithm;
import io.mailserver.contracts.storage.v1.ThreadNode;
import io.mailserver.contracts.storage.v1.ThreadRequest;
import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.ThreadCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.ThreadResponse;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.MessageNumbers;
import io.mailserver.imap.session.SelectedMailbox;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * RFC 5256 THREAD and UID THREAD (ORDEREDSUBJECT and REFERENCES): storage matches and threads in
 * one call, over the messages this session knows; the forest comes back flat and is written as
 * the RFC's nested thread lists.
 */
@Singleton
public class ThreadHandler implements CommandHandler<ThreadCommand> {

    private final StorageClient storage;

    public ThreadHandler(StorageClient storage) {
        this.storage = storage;
    }

    @Override
    public Class<ThreadCommand> command() {
        return ThreadCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return SELECTED;
    }

    @Override
    public Uni<Completion> handle(ThreadCommand command, ImapSession session) {
        Completion refused = SearchScope.refusedCharset(command.charset());
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        SessionState.Selected selected = session.selected();
        SelectedMailbox mailbox = selected.mailbox();
        ThreadRequest request = ThreadRequest.newBuilder()
                .setMailbox(StorageClient.mailbox(selected.account().getAccountId(), mailbox.mailboxId()))
                .setKey(SearchScope.knownMessages(command.key(), mailbox))
                .setAlgorithm(command.algorithm() == ThreadCommand.Algorithm.REFERENCES
                        ? ThreadAlgorithm.THREAD_ALGORITHM_REFERENCES : ThreadAlgorithm.THREAD_ALGORITHM_ORDEREDSUBJECT)
                .build();
        return session.onContext(storage.thread(request)).map(response -> {
            MessageNumbers numbers = session.selected().mailbox().messages();
            int n = response.getNodesCount();
            long[] shown = new long[n];
            int[] parents = new int[n];
            for (int i = 0; i < n; i++) {
                ThreadNode node = response.getNodes(i);
                parents[i] = node.getParent();
                int uid = node.getUid();
                int sequence = uid == 0 ? 0 : numbers.sequenceOf(uid);
                // a message gone from this session's view while storage threaded stays a placeholder
                shown[i] = sequence == 0 ? 0 : command.uid() ? Integer.toUnsignedLong(uid) : sequence;
            }
            session.send(new ThreadResponse(shown, parents));
            return Completion.ok(command.name() + " completed");
        });
    }
}
