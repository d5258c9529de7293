package io.mailserver.imap.handler;

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
        return session.onContext(storage.thread(selected.account().accountId(), mailbox, command.key(),
                command.algorithm())).map(tree -> {
            MessageNumbers numbers = session.selected().mailbox().messages();
            int n = tree.uids().length;
            long[] shown = new long[n];
            for (int i = 0; i < n; i++) {
                int uid = tree.uids()[i];
                int sequence = uid == 0 ? 0 : numbers.sequenceOf(uid);
                // a message gone from this session's view while storage threaded stays a placeholder
                shown[i] = sequence == 0 ? 0 : command.uid() ? Integer.toUnsignedLong(uid) : sequence;
            }
            session.send(new ThreadResponse(shown, tree.parents()));
            return Completion.ok(command.name() + " completed");
        });
    }
}
