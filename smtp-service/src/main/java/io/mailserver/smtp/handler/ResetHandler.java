package io.mailserver.smtp.handler;

import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.SmtpState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** RSET (RFC 5321 §4.1.1.5): drops the transaction, keeps the greeting; allowed in any state. */
@ApplicationScoped
public class ResetHandler implements CommandHandler<SmtpCommand.Rset> {

    @Override
    public Set<Class<? extends SmtpCommand>> commands() {
        return Set.of(SmtpCommand.Rset.class);
    }

    @Override
    public boolean accepts(SmtpState state, ConnectionInfo connection) {
        return true;
    }

    @Override
    public Uni<Outcome> handle(SmtpCommand.Rset command, SmtpState state, ConnectionInfo connection) {
        return Uni.createFrom().item(Outcome.of(state.reset(), SmtpReply.of(250, "2.0.0", "Ok")));
    }
}
