package io.mailserver.imap.handler;

import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.ExpungeCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.MessageNumbers;
import io.mailserver.imap.session.SelectedMailbox;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.BitSet;
import java.util.Set;

/**
 * RFC 9051 §6.4.3 EXPUNGE and RFC 4315 UID EXPUNGE: removes the \Deleted messages the client knows
 * about (for UID EXPUNGE only those among the given UIDs) and answers {@code * n EXPUNGE} for each.
 * Messages other sessions added since the client last heard are never touched: the client could not
 * have meant them.
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
            return Uni.createFrom().item(Completion.no(ResponseCode.READ_ONLY, "Mailbox is read-only"));
        }
        MessageNumbers numbers = mailbox.messages();
        BitSet positions;
        if (command.uids() == null) {
            positions = new BitSet(numbers.size());
            positions.set(0, numbers.size());
        } else {
            positions = mailbox.positions(command.uids(), true, false);
        }
        if (positions.isEmpty()) {
            return Uni.createFrom().item(Completion.ok(command.name() + " completed"));
        }
        return session.onContext(storage.expunge(selected.account().accountId(), mailbox.mailboxId(), numbers,
                positions)).map(response -> {
            MailboxUpdates.expunged(session, response.expunged());
            return Completion.ok(command.name() + " completed");
        });
    }
}
