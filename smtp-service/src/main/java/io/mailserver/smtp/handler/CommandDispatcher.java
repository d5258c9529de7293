package io.mailserver.smtp.handler;

import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.MessageContent;
import io.mailserver.smtp.session.SmtpState;
import io.mailserver.smtp.session.Truncation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Routes each command to its handler after checking that the handler accepts the current state
 * (otherwise the handler's out-of-sequence reply, 503 5.5.1 in general). An unexpected failure
 * inside a handler becomes 451 4.3.0 with the state unchanged: never a stack trace on the wire.
 */
@ApplicationScoped
public class CommandDispatcher {

    private static final Logger LOG = Logger.getLogger(CommandDispatcher.class);

    private final GreetingHandler greeting;
    private final MailHandler mail;
    private final RcptHandler rcpt;
    private final DataHandler data;
    private final ResetHandler reset;
    private final InformationHandler information;
    private final QuitHandler quit;
    private final StartTlsHandler startTls;
    private final AuthHandler auth;
    private final RejectHandler reject;

    public CommandDispatcher(GreetingHandler greeting, MailHandler mail, RcptHandler rcpt, DataHandler data,
            ResetHandler reset, InformationHandler information, QuitHandler quit, StartTlsHandler startTls,
            AuthHandler auth, RejectHandler reject) {
        this.greeting = greeting;
        this.mail = mail;
        this.rcpt = rcpt;
        this.data = data;
        this.reset = reset;
        this.information = information;
        this.quit = quit;
        this.startTls = startTls;
        this.auth = auth;
        this.reject = reject;
    }

    public Uni<Outcome> dispatch(SmtpCommand command, SmtpState state, ConnectionInfo connection) {
        try {
            Uni<Outcome> outcome;
            if (command instanceof SmtpCommand.Ehlo || command instanceof SmtpCommand.Helo) {
                outcome = run(greeting, command, state, connection);
            } else if (command instanceof SmtpCommand.Mail c) {
                outcome = run(mail, c, state, connection);
            } else if (command instanceof SmtpCommand.Rcpt c) {
                outcome = run(rcpt, c, state, connection);
            } else if (command instanceof SmtpCommand.Data c) {
                outcome = run(data, c, state, connection);
            } else if (command instanceof SmtpCommand.Rset c) {
                outcome = run(reset, c, state, connection);
            } else if (command instanceof SmtpCommand.Noop || command instanceof SmtpCommand.Vrfy
                    || command instanceof SmtpCommand.Help) {
                outcome = run(information, command, state, connection);
            } else if (command instanceof SmtpCommand.Quit c) {
                outcome = run(quit, c, state, connection);
            } else if (command instanceof SmtpCommand.StartTls c) {
                outcome = run(startTls, c, state, connection);
            } else if (command instanceof SmtpCommand.Auth c) {
                outcome = run(auth, c, state, connection);
            } else {
                outcome = run(reject, command, state, connection);
            }
            return outcome.onFailure().recoverWithItem(failure -> internalError(command, state, failure));
        } catch (RuntimeException failure) {
            return Uni.createFrom().item(internalError(command, state, failure));
        }
    }

    /** The final reply to DATA content, see {@link DataHandler#complete}. */
    public Uni<Outcome> completeData(SmtpState.ReceivingData state, MessageContent content,
            Truncation truncation, ConnectionInfo connection) {
        try {
            return data.complete(state, content, truncation, connection)
                    .onFailure().recoverWithItem(failure -> internalError(null, state.finish(), failure));
        } catch (RuntimeException failure) {
            return Uni.createFrom().item(internalError(null, state.finish(), failure));
        }
    }

    /** 500 5.5.6 for a command line over the limit. */
    public Outcome lineTooLong(SmtpState state) {
        return Outcome.of(state, reject.lineTooLong());
    }

    private static <C extends SmtpCommand> Uni<Outcome> run(CommandHandler<C> handler, C command, SmtpState state,
            ConnectionInfo connection) {
        if (!handler.accepts(state, connection)) {
            return Uni.createFrom().item(Outcome.of(state, handler.outOfSequence(state, connection)));
        }
        return handler.handle(command, state, connection);
    }

    private static Outcome internalError(SmtpCommand command, SmtpState state, Throwable failure) {
        LOG.errorf(failure, "internal error handling %s", command == null ? "end of DATA" : command.verb());
        return Outcome.of(state, SmtpReply.of(451, "4.3.0", "Internal error, try again later"));
    }
}
