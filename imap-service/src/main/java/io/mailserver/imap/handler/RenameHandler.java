package io.mailserver.imap.handler;

import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.RenameCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * RFC 9051 §6.3.6 RENAME: mailboxes below the old name move along, missing parents of the new name
 * are created, and renaming INBOX moves its messages to the new mailbox and leaves INBOX empty.
 */
@Singleton
public class RenameHandler implements CommandHandler<RenameCommand> {

    private final StorageClient storage;

    public RenameHandler(StorageClient storage) {
        this.storage = storage;
    }

    @Override
    public Class<RenameCommand> command() {
        return RenameCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> handle(RenameCommand command, ImapSession session) {
        if (command.newName().equals("INBOX")) {
            return Uni.createFrom().item(Completion.no(ResponseCode.ALREADYEXISTS, "INBOX always exists"));
        }
        long accountId = session.account().accountId();
        return session.onContext(storage.renameMailbox(accountId, command.mailbox(),
                        command.newName()))
                .map(renamed -> Completion.ok("RENAME completed"));
    }
}
