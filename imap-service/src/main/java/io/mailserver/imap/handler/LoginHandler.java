package io.mailserver.imap.handler;

import io.mailserver.imap.command.LoginCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.ServerCapabilities;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Set;

/** RFC 9051 §6.2.3 LOGIN. */
@Singleton
public class LoginHandler implements CommandHandler<LoginCommand> {

    private final Authenticator authenticator;
    private final ServerCapabilities capabilities;

    public LoginHandler(Authenticator authenticator, ServerCapabilities capabilities) {
        this.authenticator = authenticator;
        this.capabilities = capabilities;
    }

    @Override
    public Class<LoginCommand> command() {
        return LoginCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return NOT_AUTHENTICATED;
    }

    @Override
    public Uni<Completion> handle(LoginCommand command, ImapSession session) {
        if (!capabilities.loginAllowed(session)) {
            return Uni.createFrom().item(Completion.no(ResponseCode.PRIVACYREQUIRED, "Use STARTTLS first"));
        }
        return authenticator.authenticate(session, command.user(), command.password(), "LOGIN");
    }
}
