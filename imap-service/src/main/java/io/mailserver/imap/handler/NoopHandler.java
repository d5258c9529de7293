package io.mailserver.imap.handler;

import io.mailserver.imap.command.NoopCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * RFC 9051 §6.1.2 NOOP. Its purpose in the selected state, reporting changes, is done by
 * {@link CommandDispatcher} after every command; NOOP itself does nothing.
 */
@Singleton
public class NoopHandler implements CommandHandler<NoopCommand> {

    @Override
    public Class<NoopCommand> command() {
        return NoopCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return ANY;
    }

    @Override
    public Uni<Completion> handle(NoopCommand command, ImapSession session) {
        return Uni.createFrom().item(Completion.ok("NOOP completed"));
    }
}
