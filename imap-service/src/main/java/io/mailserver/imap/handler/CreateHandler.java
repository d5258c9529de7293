package io.mailserver.imap.handler;

import io.mailserver.imap.client.MailboxRole;
import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.CreateCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * RFC 9051 §6.3.4 CREATE: missing parents are created too, a trailing delimiter is dropped, INBOX
 * already exists. With RFC 6154 CREATE-SPECIAL-USE one special use may be given; an attribute this
 * server does not keep, or more than one, is refused with {@code [USEATTR]}.
 */
@Singleton
public class CreateHandler implements CommandHandler<CreateCommand> {

    private final StorageClient storage;

    public CreateHandler(StorageClient storage) {
        this.storage = storage;
    }

    @Override
    public Class<CreateCommand> command() {
        return CreateCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> handle(CreateCommand command, ImapSession session) {
        if (command.mailbox().equals("INBOX")) {
            return Uni.createFrom().item(Completion.no(ResponseCode.ALREADYEXISTS, "INBOX always exists"));
        }
        MailboxRole use = MailboxRole.NONE;
        if (command.specialUse() != null) {
            use = command.specialUse().contains(" ") ? null : SpecialUses.of(command.specialUse());
            if (use == null) {
                return Uni.createFrom().item(Completion.no(ResponseCode.USEATTR,
                        "One special use of \\All \\Archive \\Drafts \\Flagged \\Junk \\Sent \\Trash"));
            }
        }
        return session.onContext(storage.createMailbox(session.account().accountId(), command.mailbox(), use))
                .map(created -> Completion.ok(ResponseCode.mailboxId(created.mailboxId()), "CREATE completed"));
    }
}
