package io.mailserver.imap.handler;

import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.CloseCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.MessageNumbers;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.BitSet;
import java.util.Set;

/**
 * RFC 9051 §6.4.1 CLOSE (expunges \Deleted messages silently when the mailbox is read-write) and
 * §6.4.2 UNSELECT. Either way the session is back in the authenticated state, even when the expunge fails.
 */
@Singleton
public class CloseHandler implements CommandHandler<CloseCommand> {

    private final StorageClient storage;

    public CloseHandler(StorageClient storage) {
        this.storage = storage;
    }

    @Override
    public Class<CloseCommand> command() {
        return CloseCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return SELECTED;
    }

    @Override
    public Uni<Completion> handle(CloseCommand command, ImapSession session) {
        SessionState.Selected selected = session.selected();
        Runnable deselect = () -> session.state(new SessionState.Authenticated(selected.account()));
        if (!command.expunge() || selected.mailbox().readOnly() || selected.mailbox().messages().isEmpty()) {
            deselect.run();
            return Uni.createFrom().item(Completion.ok(command.name() + " completed"));
        }
        MessageNumbers numbers = selected.mailbox().messages();
        BitSet all = new BitSet(numbers.size());
        all.set(0, numbers.size());
        return session.onContext(storage.expunge(selected.account().accountId(), selected.mailbox().mailboxId(),
                        numbers, all))
                .onItemOrFailure().transform((response, failure) -> {
                    deselect.run();
                    if (failure != null) {
                        throw failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
                    }
                    return Completion.ok("CLOSE completed");
                });
    }
}
