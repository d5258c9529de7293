package io.mailserver.smtp.handler;

import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.ChunkedContent;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.MessageContent;
import io.mailserver.smtp.session.SmtpState;
import io.mailserver.smtp.session.Truncation;
import io.smallrye.mutiny.Uni;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Routes each command to its handler after checking that the handler accepts the current state
 * (otherwise the handler's out-of-sequence reply, 503 5.5.1 in general). An unexpected failure
 * inside a handler becomes 451 4.3.0 with the state unchanged: never a stack trace on the wire.
 */
@ApplicationScoped
public class CommandDispatcher {

    private static final Logger LOG = Logger.getLogger(CommandDispatcher.class);

    private final Map<Class<?>, CommandHandler<?>> handlers = new HashMap<>();
    private final DataHandler data;
    private final BdatHandler bdat;
    private final AuthHandler auth;
    private final RejectHandler reject;

    public CommandDispatcher(@All List<CommandHandler<?>> handlers, DataHandler data, BdatHandler bdat,
            AuthHandler auth, RejectHandler reject) {
        for (CommandHandler<?> handler : handlers) {
            for (Class<? extends SmtpCommand> type : handler.commands()) {
                CommandHandler<?> previous = this.handlers.put(type, handler);
                if (previous != null) {
                    throw new IllegalStateException(type.getSimpleName() + " has two handlers: " + previous + " and "
                            + handler);
                }
            }
        }
        // every record of the sealed family, so a command without a handler stops the start, not a session
        for (Class<?> type : SmtpCommand.class.getPermittedSubclasses()) {
            if (!this.handlers.containsKey(type)) {
                throw new IllegalStateException("no handler for " + type.getSimpleName());
            }
        }
        this.data = data;
        this.bdat = bdat;
        this.auth = auth;
        this.reject = reject;
    }

    public Uni<Outcome> dispatch(SmtpCommand command, SmtpState state, ConnectionInfo connection) {
        try {
            return run(handlerFor(command), command, state, connection)
                    .onFailure().recoverWithItem(failure -> internalError(command, state, failure));
        } catch (RuntimeException failure) {
            return Uni.createFrom().item(internalError(command, state, failure));
        }
    }

    @SuppressWarnings("unchecked")
    private <C extends SmtpCommand> CommandHandler<C> handlerFor(C command) {
        return (CommandHandler<C>) handlers.get(command.getClass());
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

    /** All octets of a BDAT chunk were read, see {@link BdatHandler#chunkEnded}. */
    public Uni<Outcome> chunkEnded(SmtpState.ReceivingChunk chunk, ChunkedContent content, ConnectionInfo connection) {
        SmtpState fallback = chunk.kept() ? chunk.back().reset() : chunk.back();
        try {
            return bdat.chunkEnded(chunk, content, connection)
                    .onFailure().recoverWithItem(failure -> internalError(null, fallback, failure));
        } catch (RuntimeException failure) {
            return Uni.createFrom().item(internalError(null, fallback, failure));
        }
    }

    /**
     * A line answering an AUTH challenge, see {@link AuthHandler#respond}. It may hold a password: no
     * failure message here names it.
     */
    public Uni<Outcome> authResponse(String line, SmtpState.Authenticating state, ConnectionInfo connection) {
        try {
            return auth.respond(line, state, connection)
                    .onFailure().recoverWithItem(failure -> internalError(null, state.before(), failure));
        } catch (RuntimeException failure) {
            return Uni.createFrom().item(internalError(null, state.before(), failure));
        }
    }

    /** 500 5.5.6 for a command line (or AUTH response) over the limit. */
    public Outcome lineTooLong(SmtpState state) {
        return state instanceof SmtpState.Authenticating authenticating
                ? auth.responseTooLong(authenticating)
                : Outcome.of(state, reject.lineTooLong());
    }

    private static <C extends SmtpCommand> Uni<Outcome> run(CommandHandler<C> handler, C command, SmtpState state,
            ConnectionInfo connection) {
        if (!handler.accepts(state, connection)) {
            return Uni.createFrom().item(Outcome.of(state, handler.outOfSequence(state, connection)));
        }
        return handler.handle(command, state, connection);
    }

    private static Outcome internalError(SmtpCommand command, SmtpState state, Throwable failure) {
        LOG.errorf(failure, "internal error handling %s", command == null ? "end of DATA, a BDAT chunk or an AUTH response" : command.verb());
        return Outcome.of(state, SmtpReply.of(451, "4.3.0", "Internal error, try again later"));
    }
}
