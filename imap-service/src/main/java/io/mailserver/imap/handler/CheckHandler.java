package io.mailserver.imap.handler;

import io.mailserver.imap.command.CheckCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Set;

/** RFC 3501 §6.4.1 CHECK: every change is durable when storage answers, so only updates are reported. */
@Singleton
public class CheckHandler implements CommandHandler<CheckCommand> {

    @Override
    public Class<CheckCommand> command() {
        return CheckCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return SELECTED;
    }

    @Override
    public Uni<Completion> handle(CheckCommand command, ImapSession session) {
        return Uni.createFrom().item(Completion.ok("CHECK completed"));
    }
}
