package io.mailserver.smtp.handler;

import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.SmtpState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Input that is not a valid command: unknown verbs (500 5.5.2), bad arguments (501, RFC 5321
 * §4.2.2), unsupported parameters (555 5.5.4, §4.1.1.11) and over-long lines (500 5.5.6,
 * RFC 3463 §3.6). None of them changes the state; a BDAT without a readable size closes the
 * connection, since what follows it cannot be framed.
 */
@ApplicationScoped
public class RejectHandler implements CommandHandler<SmtpCommand> {

    @Override
    public Set<Class<? extends SmtpCommand>> commands() {
        return Set.of(SmtpCommand.Unknown.class, SmtpCommand.Malformed.class);
    }

    @Override
    public boolean accepts(SmtpState state, ConnectionInfo connection) {
        return true;
    }

    @Override
    public Uni<Outcome> handle(SmtpCommand command, SmtpState state, ConnectionInfo connection) {
        boolean unframed = command instanceof SmtpCommand.Malformed malformed
                && malformed.problem() == SmtpCommand.Problem.UNFRAMED_CHUNK;
        return Uni.createFrom().item(new Outcome(state, reply(command), unframed ? Outcome.After.CLOSE : Outcome.After.CONTINUE));
    }

    static SmtpReply reply(SmtpCommand command) {
        if (command instanceof SmtpCommand.Malformed malformed) {
            return switch (malformed.problem()) {
                case SYNTAX -> SmtpReply.of(501, "5.5.4", malformed.detail());
                case BAD_SENDER -> SmtpReply.of(501, "5.1.7", malformed.detail());
                case BAD_RECIPIENT -> SmtpReply.of(501, "5.1.3", malformed.detail());
                case UNSUPPORTED_PARAMETER -> SmtpReply.of(555, "5.5.4", malformed.detail());
                case BARE_LINE_BREAK -> SmtpReply.of(500, "5.5.2", malformed.detail());
                case UNFRAMED_CHUNK -> SmtpReply.of(501, "5.5.4", malformed.detail() + "; closing connection");
            };
        }
        return SmtpReply.of(500, "5.5.2", "Command not recognized");
    }

    /** A command line over the limit, dropped unread. */
    public SmtpReply lineTooLong() {
        return SmtpReply.of(500, "5.5.6", "Line too long");
    }
}
