package io.mailserver.pop3.handler;

import io.mailserver.pop3.command.Pop3Command;
import io.mailserver.pop3.command.Verb;
import io.mailserver.pop3.config.TlsMaterial;
import io.mailserver.pop3.reply.Pop3Reply;
import io.mailserver.pop3.session.Pop3Session;
import io.mailserver.pop3.session.Pop3State;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;

/** RFC 2595 §4 STLS: only in the AUTHORIZATION state, only on a connection without TLS, only when TLS is configured. */
@ApplicationScoped
public class StlsHandler implements Pop3Handler {

    private final TlsMaterial tls;

    public StlsHandler(TlsMaterial tls) {
        this.tls = tls;
    }

    @Override
    public Set<Verb> verbs() {
        return EnumSet.of(Verb.STLS);
    }

    @Override
    public Set<Pop3State.Phase> phases() {
        return EnumSet.of(Pop3State.Phase.AUTHORIZATION);
    }

    @Override
    public Uni<Outcome> handle(Pop3Command command, Pop3Session session) {
        if (session.tls()) {
            return Uni.createFrom().item(Outcome.reply(Pop3Reply.err("TLS is already active")));
        }
        if (!tls.available()) {
            return Uni.createFrom().item(Outcome.reply(Pop3Reply.err("STLS is not available")));
        }
        // RFC 2595 §4: whatever the client said before TLS (a USER name) is forgotten.
        Pop3State.Authorization state = (Pop3State.Authorization) session.state();
        return Uni.createFrom().item(new Outcome.Reply(Pop3Reply.ok("Begin TLS negotiation"), state.withoutUser(),
                Outcome.After.START_TLS));
    }
}
