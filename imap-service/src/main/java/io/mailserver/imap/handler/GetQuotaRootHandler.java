package io.mailserver.imap.handler;

import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.GetQuotaRootCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.QuotaRootResponse;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/** RFC 9208 §4.3 GETQUOTAROOT: every existing mailbox is under the account's one root, {@code ""}. */
@Singleton
public class GetQuotaRootHandler implements CommandHandler<GetQuotaRootCommand> {

    private final StorageClient storage;

    public GetQuotaRootHandler(StorageClient storage) {
        this.storage = storage;
    }

    @Override
    public Class<GetQuotaRootCommand> command() {
        return GetQuotaRootCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> handle(GetQuotaRootCommand command, ImapSession session) {
        long accountId = session.account().accountId();
        // a missing mailbox fails here with NO [NONEXISTENT]
        return session.onContext(storage.getMailbox(accountId, command.mailbox(), false))
                .flatMap(mailbox -> session.onContext(storage.quota(accountId)).map(quota -> {
                    session.send(new QuotaRootResponse(mailbox.name(), List.of(GetQuotaHandler.ROOT)));
                    session.send(GetQuotaHandler.response(quota));
                    return Completion.ok("GETQUOTAROOT completed");
                }));
    }
}
