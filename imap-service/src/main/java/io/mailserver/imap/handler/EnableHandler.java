package io.mailserver.imap.handler;

import io.mailserver.imap.command.EnableCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.EnabledResponse;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.ServerCapabilities;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * RFC 5161 ENABLE, valid only before a mailbox is selected. {@code * ENABLED} lists what this
 * command newly turned on; names the server does not know, or that need no enabling, are ignored.
 */
@Singleton
public class EnableHandler implements CommandHandler<EnableCommand> {

    private final ServerCapabilities capabilities;

    public EnableHandler(ServerCapabilities capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public Class<EnableCommand> command() {
        return EnableCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return Set.of(SessionState.Authenticated.class);
    }

    @Override
    public Uni<Completion> handle(EnableCommand command, ImapSession session) {
        List<String> turnedOn = new ArrayList<>();
        for (String asked : command.capabilities()) {
            String capability = capabilities.enableable(asked);
            if (capability == null) {
                continue;
            }
            if (session.enable(capability)) {
                turnedOn.add(capability);
            }
            if (capability.equals(ServerCapabilities.QRESYNC)) {
                session.enable(ServerCapabilities.CONDSTORE); // QRESYNC implies CONDSTORE (RFC 7162 §3.2.3)
            }
        }
        session.send(new EnabledResponse(turnedOn));
        return Uni.createFrom().item(Completion.ok("ENABLE completed"));
    }
}
