package io.mailserver.imap.handler;

import io.mailserver.imap.command.StartTlsCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.ServerCapabilities;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * RFC 9051 §6.2.1 STARTTLS. The handshake starts after the tagged OK is written; the connection
 * discards whatever plaintext the client pipelined behind the command.
 */
@Singleton
public class StartTlsHandler implements CommandHandler<StartTlsCommand> {

    private final ServerCapabilities capabilities;

    public StartTlsHandler(ServerCapabilities capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public Class<StartTlsCommand> command() {
        return StartTlsCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return NOT_AUTHENTICATED;
    }

    @Override
    public Uni<Completion> handle(StartTlsCommand command, ImapSession session) {
        if (!capabilities.tlsAvailable()) {
            return Uni.createFrom().item(Completion.bad("STARTTLS not available"));
        }
        if (session.channel().tls()) {
            return Uni.createFrom().item(Completion.bad("TLS is already active"));
        }
        return Uni.createFrom().item(Completion.ok("Begin TLS negotiation now").then(session.channel()::startTls));
    }
}
