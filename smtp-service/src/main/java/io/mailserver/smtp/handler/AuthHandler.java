package io.mailserver.smtp.handler;

import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.SmtpState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * AUTH (RFC 4954). Not offered yet on any listener, so it is refused without looking at (or
 * logging) the initial response: 503 before EHLO, else 502 (command not implemented).
 */
@ApplicationScoped
public class AuthHandler implements CommandHandler<SmtpCommand.Auth> {

    @Override
    public Set<Class<? extends SmtpCommand>> commands() {
        return Set.of(SmtpCommand.Auth.class);
    }

    @Override
    public boolean accepts(SmtpState state, ConnectionInfo connection) {
        return state.greeting().isPresent();
    }

    @Override
    public SmtpReply outOfSequence(SmtpState state, ConnectionInfo connection) {
        return CommandHandler.needGreeting();
    }

    @Override
    public Uni<Outcome> handle(SmtpCommand.Auth command, SmtpState state, ConnectionInfo connection) {
        return Uni.createFrom().item(Outcome.of(state, SmtpReply.of(502, "5.5.1", "AUTH not available")));
    }
}
