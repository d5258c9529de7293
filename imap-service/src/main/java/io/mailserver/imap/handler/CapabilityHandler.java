package io.mailserver.imap.handler;

import io.mailserver.imap.command.CapabilityCommand;
import io.mailserver.imap.reply.CapabilityResponse;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.ServerCapabilities;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Set;

/** RFC 9051 §6.1.1 CAPABILITY. */
@Singleton
public class CapabilityHandler implements CommandHandler<CapabilityCommand> {

    private final ServerCapabilities capabilities;

    public CapabilityHandler(ServerCapabilities capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public Class<CapabilityCommand> command() {
        return CapabilityCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return ANY;
    }

    @Override
    public Uni<Completion> handle(CapabilityCommand command, ImapSession session) {
        session.send(new CapabilityResponse(capabilities.of(session)));
        return Uni.createFrom().item(Completion.ok("CAPABILITY completed"));
    }
}
