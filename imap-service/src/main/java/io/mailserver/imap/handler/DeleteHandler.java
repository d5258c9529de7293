package io.mailserver.imap.handler;

import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.DeleteCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * RFC 9051 §6.3.5 DELETE: the mailbox and its messages go; mailboxes below it stay (the deleted
 * level then lists as {@code \Noselect}); INBOX cannot be deleted. Deleting the mailbox this session
 * has selected leaves the session authenticated, with nothing selected.
 */
@Singleton
public class DeleteHandler implements CommandHandler<DeleteCommand> {

    private final StorageClient storage;

    public DeleteHandler(StorageClient storage) {
        this.storage = storage;
    }

    @Override
    public Class<DeleteCommand> command() {
        return DeleteCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> handle(DeleteCommand command, ImapSession session) {
        if (command.mailbox().equals("INBOX")) {
            return Uni.createFrom().item(Completion.no(ResponseCode.CANNOT, "INBOX cannot be deleted"));
        }
        long accountId = session.account().accountId();
        return session.onContext(storage.deleteMailbox(accountId, command.mailbox()))
                .map(deletedId -> {
                    SessionState.Selected selected = session.selected();
                    if (selected != null && selected.mailbox().mailboxId() == deletedId) {
                        session.state(new SessionState.Authenticated(selected.account()));
                    }
                    return Completion.ok("DELETE completed");
                });
    }
}
