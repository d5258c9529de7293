package io.mailserver.imap.handler;

import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.SubscribeCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * RFC 9051 §6.3.7 SUBSCRIBE and §6.3.8 UNSUBSCRIBE. The subscription is a property of the mailbox
 * in storage, so only existing mailboxes can be subscribed (a NO otherwise, which RFC 9051 allows).
 */
@Singleton
public class SubscribeHandler implements CommandHandler<SubscribeCommand> {

    private final StorageClient storage;

    public SubscribeHandler(StorageClient storage) {
        this.storage = storage;
    }

    @Override
    public Class<SubscribeCommand> command() {
        return SubscribeCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> handle(SubscribeCommand command, ImapSession session) {
        long accountId = session.account().accountId();
        return session.onContext(storage.setSubscribed(accountId, command.mailbox(),
                        command.subscribe()))
                .map(mailbox -> Completion.ok(command.name() + " completed"));
    }
}
