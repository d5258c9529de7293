package io.mailserver.imap.handler;

import io.mailserver.contracts.storage.v1.ExpungeRequest;
import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.ExpungeCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.NumberedResponse;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.MessageNumbers;
import io.mailserver.imap.session.SelectedMailbox;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.BitSet;
import java.util.Set;

/**
 * RFC 9051 §6.4.3 EXPUNGE: removes the \Deleted messages the client knows about and answers
 * {@code * n EXPUNGE} for each, highest sequence number first so every number is valid when sent.
 */
@Singleton
public class ExpungeHandler implements CommandHandler<ExpungeCommand> {

    private final StorageClient storage;

    public ExpungeHandler(StorageClient storage) {
        this.storage = storage;
    }

    @Override
    public Class<ExpungeCommand> command() {
        return ExpungeCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return SELECTED;
    }

    @Override
    public Uni<Completion> handle(ExpungeCommand command, ImapSession session) {
        SessionState.Selected selected = session.selected();
        SelectedMailbox mailbox = selected.mailbox();
        if (mailbox.readOnly()) {
            return Uni.createFrom().item(Completion.no("Mailbox is read-only"));
        }
        if (mailbox.messages().isEmpty()) {
            return Uni.createFrom().item(Completion.ok("EXPUNGE completed"));
        }
        ExpungeRequest request = ExpungeRequest.newBuilder()
                .setMailbox(StorageClient.mailbox(selected.account().getAccountId(), mailbox.mailboxId()))
                .setUids(mailbox.messages().toUidSet())
                .build();
        return session.onContext(storage.expunge(request)).map(response -> {
            SelectedMailbox current = session.selected().mailbox();
            MessageNumbers numbers = current.messages();
            MessageNumbers expunged = MessageNumbers.of(response.getExpunged()).union(current.pendingExpunges());
            BitSet positions = numbers.positionsOf(expunged);
            for (int i = positions.length() - 1; i >= 0; i = positions.previousSetBit(i - 1)) {
                session.send(new NumberedResponse(i + 1L, NumberedResponse.Kind.EXPUNGE));
            }
            session.selectedMailbox(current.withMessages(numbers.removePositions(positions),
                    current.highestModseq(), MessageNumbers.EMPTY));
            return Completion.ok("EXPUNGE completed");
        });
    }
}
