package io.mailserver.smtp.handler;

import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.policy.SubmissionPolicy;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.Greeting;
import io.mailserver.smtp.session.SmtpState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * EHLO and HELO (RFC 5321 §4.1.1.1). Either one resets a transaction in progress (§4.1.4). Replies
 * to them carry no enhanced status code (RFC 2034 §3).
 */
@ApplicationScoped
public class GreetingHandler implements CommandHandler<SmtpCommand> {

    private final String hostname;
    private final long maxMessageSize;
    private final SubmissionPolicy submission;
    /** REQUIRETLS is offered only when delivery can honour it: MX hosts are authenticated by MTA-STS or DANE. */
    private final boolean requireTls;

    public GreetingHandler(MailConfig config, SubmissionPolicy submission) {
        this.hostname = config.hostname();
        this.maxMessageSize = config.smtp().limits().messageSize();
        this.submission = submission;
        this.requireTls = config.smtp().delivery().mtaSts().enabled() || config.smtp().delivery().dane().enabled();
    }

    @Override
    public Set<Class<? extends SmtpCommand>> commands() {
        return Set.of(SmtpCommand.Ehlo.class, SmtpCommand.Helo.class);
    }

    @Override
    public boolean accepts(SmtpState state, ConnectionInfo connection) {
        return true;
    }

    @Override
    public Uni<Outcome> handle(SmtpCommand command, SmtpState state, ConnectionInfo connection) {
        if (command instanceof SmtpCommand.Ehlo ehlo) {
            return Uni.createFrom().item(Outcome.of(state.greet(new Greeting(ehlo.domain(), true)),
                    new SmtpReply(250, null, ehloLines(ehlo.domain(), connection))));
        }
        SmtpCommand.Helo helo = (SmtpCommand.Helo) command;
        return Uni.createFrom().item(Outcome.of(state.greet(new Greeting(helo.domain(), false)),
                SmtpReply.plain(250, hostname)));
    }

    /**
     * The EHLO keywords (RFC 5321 §4.1.1.1); STARTTLS only while it can be used (RFC 3207 §4.2), AUTH
     * only where it may be used (submission, under TLS): a client then never sends a password in the clear.
     * REQUIRETLS only under TLS (RFC 8689 §4.1): a message that asks for it must not have come in the
     * clear; and not at all with MTA-STS off, which leaves no MX host authenticated.
     */
    List<String> ehloLines(String clientName, ConnectionInfo connection) {
        List<String> lines = new ArrayList<>();
        lines.add(hostname + " Hello " + clientName);
        lines.add("PIPELINING");
        lines.add("SIZE " + maxMessageSize);
        lines.add("8BITMIME");
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("CHUNKING");
        lines.add("DSN");
        lines.add("SMTPUTF8");
        if (requireTls && connection.tlsActive()) {
            lines.add("REQUIRETLS");
        }
        if (connection.canStartTls()) {
            lines.add("STARTTLS");
        }
        if (submission.authAllowed(connection)) {
            lines.add("AUTH PLAIN LOGIN");
        }
        return lines;
    }
}
