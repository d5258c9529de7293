package io.mailserver.pop3.handler;

import io.mailserver.pop3.command.Pop3Command;
import io.mailserver.pop3.command.Verb;
import io.mailserver.pop3.metrics.Pop3Metrics;
import io.mailserver.pop3.reply.Pop3Reply;
import io.mailserver.pop3.session.Pop3Session;
import io.mailserver.pop3.session.Pop3State;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Routes each command to its handler, after checking that the session's phase allows it. */
@ApplicationScoped
public class CommandDispatcher {

    private final Map<Verb, Pop3Handler> handlers = new EnumMap<>(Verb.class);
    private final Pop3Metrics metrics;

    public CommandDispatcher(@All List<Pop3Handler> handlers, Pop3Metrics metrics) {
        this.metrics = metrics;
        for (Pop3Handler handler : handlers) {
            for (Verb verb : handler.verbs()) {
                Pop3Handler previous = this.handlers.put(verb, handler);
                if (previous != null) {
                    throw new IllegalStateException(verb + " has two handlers: " + previous + " and " + handler);
                }
            }
        }
        for (Verb verb : Verb.values()) {
            if (!this.handlers.containsKey(verb)) {
                throw new IllegalStateException("no handler for " + verb);
            }
        }
    }

    public Uni<Outcome> dispatch(Pop3Command command, Pop3Session session) {
        metrics.command(command.verb());
        Pop3Handler handler = handlers.get(command.verb());
        Pop3State.Phase phase = session.state().phase();
        if (!handler.phases().contains(phase)) {
            return Uni.createFrom().item(Outcome.reply(Pop3Reply.err(
                    command.verb() + " is not allowed in the " + phase.name().toLowerCase(Locale.ROOT) + " state")));
        }
        return handler.handle(command, session);
    }

    /** Whether {@code verb} may run in {@code phase}. */
    public boolean allows(Verb verb, Pop3State.Phase phase) {
        return handlers.get(verb).phases().contains(phase);
    }
}
