package io.mailserver.smtp.handler;

import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.SmtpState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * STARTTLS (RFC 3207 §4): answered 220, after which the connection discards whatever plaintext the
 * client pipelined, performs the handshake and starts the session over without a greeting
 * (§4.2): the client must send EHLO again.
 */
@ApplicationScoped
public class StartTlsHandler implements CommandHandler<SmtpCommand.StartTls> {

    @Override
    public Set<Class<? extends SmtpCommand>> commands() {
        return Set.of(SmtpCommand.StartTls.class);
    }

    @Override
    public boolean accepts(SmtpState state, ConnectionInfo connection) {
        return connection.canStartTls();
    }

    @Override
    public SmtpReply outOfSequence(SmtpState state, ConnectionInfo connection) {
        return connection.tlsActive()
                ? SmtpReply.of(503, "5.5.1", "TLS already active")
                : SmtpReply.of(502, "5.5.1", "STARTTLS not available");
    }

    @Override
    public Uni<Outcome> handle(SmtpCommand.StartTls command, SmtpState state, ConnectionInfo connection) {
        return Uni.createFrom().item(new Outcome(state.afterTls(), SmtpReply.of(220, "2.0.0", "Ready to start TLS"),
                Outcome.After.START_TLS));
    }
}
