package io.mailserver.smtp.handler;

import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.SmtpState;
import io.smallrye.mutiny.Uni;
import java.util.Set;

/**
 * Executes one family of commands. It declares which command records it takes and the states it
 * accepts; {@link CommandDispatcher} finds it by the record's class, checks the state and answers
 * out-of-order commands itself, so {@link #handle} only runs in an accepted state. A new command is
 * a new record and a handler naming it: nothing else changes.
 *
 * <p>{@link #handle} must not touch anything but its arguments: the Uni may complete on a gRPC
 * thread, and the connection applies the outcome on its own Vert.x context.
 */
public interface CommandHandler<C extends SmtpCommand> {

    /** The command records this handler executes; each record has exactly one handler. */
    Set<Class<? extends SmtpCommand>> commands();

    boolean accepts(SmtpState state, ConnectionInfo connection);

    /** The 503 (or other) reply for a command sent in a state it is not accepted in. */
    default SmtpReply outOfSequence(SmtpState state, ConnectionInfo connection) {
        return SmtpReply.of(503, "5.5.1", "Bad sequence of commands");
    }

    Uni<Outcome> handle(C command, SmtpState state, ConnectionInfo connection);

    static SmtpReply needGreeting() {
        return SmtpReply.of(503, "5.5.1", "Send EHLO or HELO first");
    }
}
