package io.mailserver.pop3.handler;

import io.mailserver.pop3.command.Pop3Command;
import io.mailserver.pop3.command.Verb;
import io.mailserver.pop3.session.Pop3Session;
import io.mailserver.pop3.session.Pop3State;
import io.smallrye.mutiny.Uni;
import java.util.Set;

/** Executes one family of commands. */
public interface Pop3Handler {

    /** The commands of this family. */
    Set<Verb> verbs();

    /** The session phases in which these commands are allowed (RFC 1939 §3). */
    Set<Pop3State.Phase> phases();

    /**
     * Executes {@code command}, called on the connection's context with the session in one of
     * {@link #phases()}. The result may complete on any thread; it must not touch the session.
     */
    Uni<Outcome> handle(Pop3Command command, Pop3Session session);
}
