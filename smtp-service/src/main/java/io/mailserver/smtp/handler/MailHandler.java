package io.mailserver.smtp.handler;

import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.SmtpState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** MAIL FROM (RFC 5321 §4.1.1.2) with SIZE (RFC 1870) and BODY (RFC 6152). */
@ApplicationScoped
public class MailHandler implements CommandHandler<SmtpCommand.Mail> {

    private final long maxMessageSize;

    public MailHandler(MailConfig config) {
        this.maxMessageSize = config.smtp().limits().messageSize();
    }

    @Override
    public Set<Class<? extends SmtpCommand>> commands() {
        return Set.of(SmtpCommand.Mail.class);
    }

    @Override
    public boolean accepts(SmtpState state, ConnectionInfo connection) {
        return state instanceof SmtpState.Greeted;
    }

    @Override
    public SmtpReply outOfSequence(SmtpState state, ConnectionInfo connection) {
        return state instanceof SmtpState.MailTransaction
                ? SmtpReply.of(503, "5.5.1", "Nested MAIL command")
                : CommandHandler.needGreeting();
    }

    @Override
    public Uni<Outcome> handle(SmtpCommand.Mail command, SmtpState state, ConnectionInfo connection) {
        if (command.parameters().size().isPresent() && command.parameters().size().getAsLong() > maxMessageSize) {
            // RFC 1870 §6.1: refuse at MAIL time when the declared size is over the fixed limit.
            return Uni.createFrom().item(Outcome.of(state,
                    SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size")));
        }
        SmtpState next = ((SmtpState.Greeted) state).startTransaction(TransactionIds.next(), command.sender(),
                command.parameters());
        return Uni.createFrom().item(Outcome.of(next, SmtpReply.of(250, "2.1.0", "Ok")));
    }
}
