package io.mailserver.imap.handler;

import io.mailserver.imap.client.PeerRejectedException;
import io.mailserver.imap.client.PeerUnavailableException;
import io.mailserver.imap.command.IdleCommand;
import io.mailserver.imap.command.ImapCommand;
import io.mailserver.imap.command.SelectCommand;
import io.mailserver.imap.metrics.ImapMetrics;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.reply.Status;
import io.mailserver.imap.session.CommandExecutor;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.LoginAdmission;
import io.mailserver.imap.session.SessionState;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The one place that checks a command against the session state, runs its handler, reports
 * mailbox changes other sessions made (RFC 9051 §5.2), writes the tagged response and counts it.
 * Every failure becomes a tagged NO: peers unreachable give {@code [UNAVAILABLE]}, anything
 * unexpected {@code [SERVERBUG]}; no stack trace ever reaches the client.
 */
@Singleton
public class CommandDispatcher implements CommandExecutor {

    private static final Logger LOG = Logger.getLogger(CommandDispatcher.class);

    private final Map<Class<?>, CommandHandler<?>> handlers = new HashMap<>();
    private final MailboxUpdates updates;
    private final ImapMetrics metrics;
    private final LoginAdmission admission;

    public CommandDispatcher(@All List<CommandHandler<?>> handlers, MailboxUpdates updates, ImapMetrics metrics,
            LoginAdmission admission) {
        for (CommandHandler<?> handler : handlers) {
            this.handlers.put(handler.command(), handler);
        }
        this.updates = updates;
        this.metrics = metrics;
        this.admission = admission;
    }

    @Override
    public Uni<Status> execute(ImapCommand command, ImapSession session) {
        Uni<Status> executed = answer(command, session);
        // what logged-in sessions run decides when new logins are let in; IDLE only waits
        if (session.state() instanceof SessionState.NotAuthenticated || command instanceof IdleCommand) {
            return executed;
        }
        return Uni.createFrom().deferred(() -> {
            LoginAdmission.Busy busy = admission.commandStarted();
            return executed.onTermination().invoke(busy::end);
        });
    }

    private Uni<Status> answer(ImapCommand command, ImapSession session) {
        return run(handlerFor(command), command, session)
                .onItem().transformToUni(completion -> reportUpdates(command, session, completion))
                .map(completion -> {
                    session.send(completion.tagged(command.tag()));
                    metrics.command(command.name(), completion.status().name());
                    if (completion.afterReply() != null) {
                        completion.afterReply().run();
                    }
                    return completion.status();
                });
    }

    @SuppressWarnings("unchecked")
    private <C extends ImapCommand> CommandHandler<C> handlerFor(C command) {
        CommandHandler<?> handler = handlers.get(command.getClass());
        if (handler == null) {
            throw new IllegalStateException("no handler for " + command.getClass().getSimpleName());
        }
        return (CommandHandler<C>) handler;
    }

    private <C extends ImapCommand> Uni<Completion> run(CommandHandler<C> handler, C command, ImapSession session) {
        if (!handler.states().contains(session.state().getClass())) {
            return Uni.createFrom().item(Completion.bad(notAllowed(session.state(), handler.states())));
        }
        return Uni.createFrom().deferred(() -> handler.handle(command, session))
                .emitOn(session.executor())
                .onFailure().recoverWithItem(failure -> completionFor(command, failure));
    }

    private Uni<Completion> reportUpdates(ImapCommand command, ImapSession session, Completion completion) {
        if (session.selected() == null || command instanceof SelectCommand || completion.status() == Status.BAD
                || session.channel().closed()) {
            return Uni.createFrom().item(completion);
        }
        return updates.report(session, command.allowsExpungeResponses(), command.onlyReads())
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("no mailbox update after %s: %s", command.name(), failure.getMessage());
                    return null;
                })
                .replaceWith(completion);
    }

    static Completion completionFor(ImapCommand command, Throwable failure) {
        if (failure instanceof io.mailserver.imap.session.ClientGoneException gone) {
            LOG.debugf("%s: %s", command.name(), gone.getMessage());
            return Completion.no("Connection closed");
        }
        if (failure instanceof PeerUnavailableException unavailable) {
            LOG.warnf("%s: %s", command.name(), unavailable.getMessage());
            return Completion.no(ResponseCode.UNAVAILABLE, "Service temporarily unavailable, try again later");
        }
        if (failure instanceof PeerRejectedException rejected) {
            if (rejected.overQuota()) {
                return Completion.no(ResponseCode.OVERQUOTA, "Quota exceeded");
            }
            if (rejected.unknownTransferEncoding()) {
                return Completion.no(ResponseCode.UNKNOWN_CTE, "Content-Transfer-Encoding not understood");
            }
            switch (rejected.kind()) {
                case NOT_FOUND:
                    return Completion.no(ResponseCode.NONEXISTENT, "No such mailbox");
                case ALREADY_EXISTS:
                    return Completion.no(ResponseCode.ALREADYEXISTS, "Mailbox already exists");
                case LIMIT:
                    return Completion.no(ResponseCode.LIMIT, "Limit reached, try again later");
                case REFUSED:
                    LOG.infof("%s refused by storage: %s", command.name(), rejected.getMessage());
                    return Completion.no(ResponseCode.CANNOT, "Request refused");
                default:
                    break;
            }
        }
        LOG.errorf(failure, "%s failed", command.name());
        return Completion.no(ResponseCode.SERVERBUG, "Internal server error");
    }

    private static String notAllowed(SessionState state, java.util.Set<Class<? extends SessionState>> states) {
        if (state instanceof SessionState.NotAuthenticated) {
            return "Not authenticated";
        }
        if (states.equals(CommandHandler.NOT_AUTHENTICATED)) {
            return "Already authenticated";
        }
        if (states.equals(CommandHandler.SELECTED)) {
            return "No mailbox selected";
        }
        if (state instanceof SessionState.Selected) {
            return "Not allowed while a mailbox is selected";
        }
        return "Command not allowed now";
    }
}
