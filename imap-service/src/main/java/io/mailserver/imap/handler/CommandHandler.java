package io.mailserver.imap.handler;

import io.mailserver.imap.command.ImapCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import java.util.Set;

/**
 * Executes one command record. It writes untagged responses itself and returns how the command
 * ended; {@link CommandDispatcher} writes the tagged response. Called on the connection's context;
 * a handler must bring every peer result back there ({@link ImapSession#onContext}) before it touches
 * the session.
 */
public interface CommandHandler<C extends ImapCommand> {

    /** The command record this handler executes. */
    Class<C> command();

    /** The session states in which the command is valid (RFC 9051 §3, §6). */
    Set<Class<? extends SessionState>> states();

    Uni<Completion> handle(C command, ImapSession session);

    Set<Class<? extends SessionState>> ANY = Set.of(SessionState.NotAuthenticated.class,
            SessionState.Authenticated.class, SessionState.Selected.class);
    Set<Class<? extends SessionState>> NOT_AUTHENTICATED = Set.of(SessionState.NotAuthenticated.class);
    Set<Class<? extends SessionState>> AUTHENTICATED = Set.of(SessionState.Authenticated.class,
            SessionState.Selected.class);
    Set<Class<? extends SessionState>> SELECTED = Set.of(SessionState.Selected.class);
}
