package io.mailserver.smtp.handler;

import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.SmtpState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * The commands that change nothing: NOOP (RFC 5321 §4.1.1.9), VRFY (§4.1.1.6) and HELP (§4.1.1.8),
 * allowed in any state.
 *
 * <p>VRFY never confirms an address: that would hand out the user list (RFC 5321 §7.3). It answers
 * 252, "cannot verify, but will accept and try", as §3.5.3 suggests.
 */
@ApplicationScoped
public class InformationHandler implements CommandHandler<SmtpCommand> {

    @Override
    public Set<Class<? extends SmtpCommand>> commands() {
        return Set.of(SmtpCommand.Noop.class, SmtpCommand.Vrfy.class, SmtpCommand.Help.class);
    }

    @Override
    public boolean accepts(SmtpState state, ConnectionInfo connection) {
        return true;
    }

    @Override
    public Uni<Outcome> handle(SmtpCommand command, SmtpState state, ConnectionInfo connection) {
        SmtpReply reply;
        if (command instanceof SmtpCommand.Vrfy) {
            reply = SmtpReply.of(252, "2.1.5", "Cannot VRFY user, but will accept message and attempt delivery");
        } else if (command instanceof SmtpCommand.Help) {
            reply = SmtpReply.of(214, "2.0.0", "Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP STARTTLS");
        } else {
            reply = SmtpReply.of(250, "2.0.0", "Ok");
        }
        return Uni.createFrom().item(Outcome.of(state, reply));
    }
}
