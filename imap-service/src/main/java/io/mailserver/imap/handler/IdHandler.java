package io.mailserver.imap.handler;

import io.mailserver.imap.command.IdCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.IdResponse;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;

/**
 * RFC 2971 ID, in any state. The server names itself but gives no version, which would only help
 * an attacker pick an exploit; what the client says is not logged (it is remote input of no use to
 * an operator that the connection log does not already have).
 */
@Singleton
public class IdHandler implements CommandHandler<IdCommand> {

    private static final Map<String, String> SERVER = Map.of("name", "mailserver");

    @Override
    public Class<IdCommand> command() {
        return IdCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return ANY;
    }

    @Override
    public Uni<Completion> handle(IdCommand command, ImapSession session) {
        session.send(new IdResponse(SERVER));
        return Uni.createFrom().item(Completion.ok("ID completed"));
    }
}
