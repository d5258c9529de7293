package io.mailserver.imap.handler;

import io.mailserver.imap.command.LogoutCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.Status;
import io.mailserver.imap.reply.StatusResponse;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Set;

/** RFC 9051 §6.1.3 LOGOUT: {@code * BYE}, the tagged OK, then the connection closes. */
@Singleton
public class LogoutHandler implements CommandHandler<LogoutCommand> {

    @Override
    public Class<LogoutCommand> command() {
        return LogoutCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return ANY;
    }

    @Override
    public Uni<Completion> handle(LogoutCommand command, ImapSession session) {
        session.send(StatusResponse.untagged(Status.BYE, "IMAP server logging out"));
        session.state(new SessionState.Logout());
        return Uni.createFrom().item(Completion.ok("LOGOUT completed").then(session.channel()::close));
    }
}
