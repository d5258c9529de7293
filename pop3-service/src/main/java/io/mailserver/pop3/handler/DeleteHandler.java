package io.mailserver.pop3.handler;

import io.mailserver.pop3.command.DeleCommand;
import io.mailserver.pop3.command.Pop3Command;
import io.mailserver.pop3.command.Verb;
import io.mailserver.pop3.reply.Pop3Reply;
import io.mailserver.pop3.session.Pop3Session;
import io.mailserver.pop3.session.Pop3State;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;

/**
 * RFC 1939 §5 DELE and RSET: marks and unmarks. Nothing is removed from storage here; that happens
 * only when QUIT enters the UPDATE state.
 */
@ApplicationScoped
public class DeleteHandler implements Pop3Handler {

    @Override
    public Set<Verb> verbs() {
        return EnumSet.of(Verb.DELE, Verb.RSET);
    }

    @Override
    public Set<Pop3State.Phase> phases() {
        return EnumSet.of(Pop3State.Phase.TRANSACTION);
    }

    @Override
    public Uni<Outcome> handle(Pop3Command command, Pop3Session session) {
        return Uni.createFrom().item(decide(command, (Pop3State.Transaction) session.state()));
    }

    static Outcome decide(Pop3Command command, Pop3State.Transaction t) {
        if (command instanceof DeleCommand dele) {
            int n = dele.message();
            if (!t.isVisible(n)) {
                return Outcome.reply(MaildropHandler.noSuchMessage(t, n));
            }
            return Outcome.reply(Pop3Reply.ok("Message " + n + " deleted"), t.delete(n));
        }
        Pop3State.Transaction reset = t.reset();
        return Outcome.reply(Pop3Reply.ok("Maildrop has " + reset.visibleCount() + " messages ("
                + reset.visibleSize() + " octets)"), reset);
    }
}
