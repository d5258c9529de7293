package io.mailserver.pop3.handler;

import io.mailserver.pop3.command.ListCommand;
import io.mailserver.pop3.command.Pop3Command;
import io.mailserver.pop3.command.UidlCommand;
import io.mailserver.pop3.command.Verb;
import io.mailserver.pop3.reply.Pop3Reply;
import io.mailserver.pop3.session.Pop3Session;
import io.mailserver.pop3.session.Pop3State;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Answers about the maildrop snapshot without asking storage: RFC 1939 §5 STAT, LIST and NOOP,
 * §7 UIDL. Messages marked as deleted are left out (RFC 1939 §5).
 */
@ApplicationScoped
public class MaildropHandler implements Pop3Handler {

    @Override
    public Set<Verb> verbs() {
        return EnumSet.of(Verb.STAT, Verb.LIST, Verb.UIDL, Verb.NOOP);
    }

    @Override
    public Set<Pop3State.Phase> phases() {
        return EnumSet.of(Pop3State.Phase.TRANSACTION);
    }

    @Override
    public Uni<Outcome> handle(Pop3Command command, Pop3Session session) {
        return Uni.createFrom().item(Outcome.reply(answer(command, (Pop3State.Transaction) session.state())));
    }

    static Pop3Reply answer(Pop3Command command, Pop3State.Transaction t) {
        if (command instanceof ListCommand list) {
            if (list.message().isPresent()) {
                int n = list.message().getAsInt();
                return t.visible(n).<Pop3Reply>map(m -> Pop3Reply.ok(n + " " + m.size()))
                        .orElseGet(() -> noSuchMessage(t, n));
            }
            List<String> lines = t.visibleNumbers().stream().map(n -> n + " " + t.maildrop().message(n).size()).toList();
            return new Pop3Reply.MultiLine(t.visibleCount() + " messages (" + t.visibleSize() + " octets)", lines);
        }
        if (command instanceof UidlCommand uidl) {
            if (uidl.message().isPresent()) {
                int n = uidl.message().getAsInt();
                return t.isVisible(n) ? Pop3Reply.ok(n + " " + t.maildrop().uniqueId(n)) : noSuchMessage(t, n);
            }
            List<String> lines = t.visibleNumbers().stream().map(n -> n + " " + t.maildrop().uniqueId(n)).toList();
            return new Pop3Reply.MultiLine("Unique-id listing follows", lines);
        }
        if (command.verb() == Verb.STAT) {
            return Pop3Reply.ok(t.visibleCount() + " " + t.visibleSize());
        }
        return Pop3Reply.ok("");
    }

    /** The refusal for a message number that names no visible message. */
    static Pop3Reply.Err noSuchMessage(Pop3State.Transaction t, int n) {
        return t.isDeleted(n) ? Pop3Reply.err("Message " + n + " is deleted") : Pop3Reply.err("No such message");
    }
}
