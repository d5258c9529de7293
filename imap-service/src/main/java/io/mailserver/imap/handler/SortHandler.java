package io.mailserver.imap.handler;

import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.SortCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.SortResponse;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.MessageNumbers;
import io.mailserver.imap.session.SelectedMailbox;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * RFC 5256 SORT and UID SORT (with RFC 5957 DISPLAYFROM/DISPLAYTO): storage matches and orders in
 * one call, over the messages this session knows; the answer maps UIDs back to sequence numbers.
 */
@Singleton
public class SortHandler implements CommandHandler<SortCommand> {

    private final StorageClient storage;

    public SortHandler(StorageClient storage) {
        this.storage = storage;
    }

    @Override
    public Class<SortCommand> command() {
        return SortCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return SELECTED;
    }

    @Override
    public Uni<Completion> handle(SortCommand command, ImapSession session) {
        Completion refused = SearchScope.refusedCharset(command.charset());
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        SessionState.Selected selected = session.selected();
        SelectedMailbox mailbox = selected.mailbox();
        boolean modseq = SearchHandler.usesModseq(command.key());
        if (modseq) {
            Condstore.turnOn(session);
        }
        return session.onContext(storage.sort(selected.account().accountId(), mailbox, command.key(),
                command.criteria())).map(response -> {
            MessageNumbers numbers = session.selected().mailbox().messages();
            long[] answer = new long[response.uids().length];
            int j = 0;
            for (int uid : response.uids()) {
                int sequence = numbers.sequenceOf(uid);
                // gone from this session's view while storage sorted (only possible with an expunge)
                if (sequence > 0) {
                    answer[j++] = command.uid() ? Integer.toUnsignedLong(uid) : sequence;
                }
            }
            answer = java.util.Arrays.copyOf(answer, j);
            session.send(new SortResponse(answer, modseq && j > 0 ? response.highestModseq() : 0));
            return Completion.ok(command.name() + " completed");
        });
    }
}
