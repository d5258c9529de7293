package io.mailserver.imap.handler;

import io.mailserver.imap.client.CopiedUid;
import io.mailserver.imap.client.CopyResult;
import io.mailserver.imap.client.PeerRejectedException;
import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.CopyCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.NumberSetText;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.reply.Status;
import io.mailserver.imap.reply.StatusResponse;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.MessageNumbers;
import io.mailserver.imap.session.SelectedMailbox;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.BitSet;
import java.util.Set;

/**
 * RFC 9051 §6.4.7 COPY and RFC 6851 MOVE, with their UID forms: one storage call copies (or moves,
 * atomically) the whole set, and the answer carries RFC 4315 {@code COPYUID}. A MOVE reports
 * COPYUID in an untagged OK before its {@code * n EXPUNGE} responses (RFC 6851 §4.3). A missing
 * target gets {@code [TRYCREATE]} so the client knows to CREATE it first.
 */
@Singleton
public class CopyHandler implements CommandHandler<CopyCommand> {

    private final StorageClient storage;

    public CopyHandler(StorageClient storage) {
        this.storage = storage;
    }

    @Override
    public Class<CopyCommand> command() {
        return CopyCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return SELECTED;
    }

    @Override
    public Uni<Completion> handle(CopyCommand command, ImapSession session) {
        SessionState.Selected selected = session.selected();
        SelectedMailbox mailbox = selected.mailbox();
        if (command.move() && mailbox.readOnly()) {
            return Uni.createFrom().item(Completion.no(ResponseCode.READ_ONLY, "Mailbox is read-only"));
        }
        MessageNumbers numbers = mailbox.messages();
        BitSet positions = mailbox.positions(command.messages(), command.uid(), true);
        if (positions == null) {
            return Uni.createFrom().item(Completion.bad("Invalid message sequence number"));
        }
        if (positions.isEmpty()) {
            return Uni.createFrom().item(Completion.ok(command.name() + " completed, no messages"));
        }
        long accountId = selected.account().accountId();
        return session.onContext(storage.copy(accountId, mailbox.mailboxId(), numbers, positions, command.mailbox(),
                        command.move()))
                .map(response -> completed(command, session, response))
                .onFailure(PeerRejectedException.class).recoverWithItem(failure -> {
                    if (((PeerRejectedException) failure).kind() == PeerRejectedException.Kind.NOT_FOUND) {
                        return Completion.no(ResponseCode.TRYCREATE, "No such mailbox; create it first");
                    }
                    return CommandDispatcher.completionFor(command, failure);
                });
    }

    private static Completion completed(CopyCommand command, ImapSession session, CopyResult response) {
        ResponseCode copyUid = copyUid(response);
        if (!command.move()) {
            return copyUid == null ? Completion.ok("COPY completed") : Completion.ok(copyUid, command.name() + " completed");
        }
        if (copyUid != null) {
            session.send(StatusResponse.untagged(Status.OK, copyUid, "Moved"));
        }
        MailboxUpdates.expunged(session, response.expunged());
        return Completion.ok(command.name() + " completed");
    }

    private static ResponseCode copyUid(CopyResult response) {
        int count = response.copied().size();
        if (count == 0) {
            return null;
        }
        int[] sources = new int[count];
        int[] targets = new int[count];
        for (int i = 0; i < count; i++) {
            CopiedUid copied = response.copied().get(i);
            sources[i] = copied.source();
            targets[i] = copied.target();
        }
        return ResponseCode.copyUid(response.targetUidValidity(), NumberSetText.of(sources),
                NumberSetText.of(targets));
    }
}
