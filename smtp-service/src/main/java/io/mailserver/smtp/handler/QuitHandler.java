package io.mailserver.smtp.handler;

import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.SmtpState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** QUIT (RFC 5321 §4.1.1.10): 221, then the server closes; allowed in any state. */
@ApplicationScoped
public class QuitHandler implements CommandHandler<SmtpCommand.Quit> {

    private final String hostname;

    public QuitHandler(MailConfig config) {
        this.hostname = config.hostname();
    }

    @Override
    public Set<Class<? extends SmtpCommand>> commands() {
        return Set.of(SmtpCommand.Quit.class);
    }

    @Override
    public boolean accepts(SmtpState state, ConnectionInfo connection) {
        return true;
    }

    @Override
    public Uni<Outcome> handle(SmtpCommand.Quit command, SmtpState state, ConnectionInfo connection) {
        return Uni.createFrom().item(new Outcome(state.reset(),
                SmtpReply.of(221, "2.0.0", hostname + " Service closing transmission channel"), Outcome.After.CLOSE));
    }
}
