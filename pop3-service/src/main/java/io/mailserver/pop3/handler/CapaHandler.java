package io.mailserver.pop3.handler;

import io.mailserver.pop3.command.Pop3Command;
import io.mailserver.pop3.command.Verb;
import io.mailserver.pop3.config.MailConfig;
import io.mailserver.pop3.config.TlsMaterial;
import io.mailserver.pop3.reply.Pop3Reply;
import io.mailserver.pop3.session.Pop3Session;
import io.mailserver.pop3.session.Pop3State;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** RFC 2449 §5 CAPA: what this server offers on this connection, now. */
@ApplicationScoped
public class CapaHandler implements Pop3Handler {

    /** RFC 2449 §6.9: no version, which would only help attackers pick exploits. */
    static final String IMPLEMENTATION = "mailserver";

    private final MailConfig config;
    private final TlsMaterial tls;

    public CapaHandler(MailConfig config, TlsMaterial tls) {
        this.config = config;
        this.tls = tls;
    }

    @Override
    public Set<Verb> verbs() {
        return EnumSet.of(Verb.CAPA);
    }

    @Override
    public Set<Pop3State.Phase> phases() {
        return EnumSet.of(Pop3State.Phase.AUTHORIZATION, Pop3State.Phase.TRANSACTION);
    }

    @Override
    public Uni<Outcome> handle(Pop3Command command, Pop3Session session) {
        return Uni.createFrom().item(Outcome.reply(new Pop3Reply.MultiLine("Capability list follows",
                capabilities(session))));
    }

    List<String> capabilities(Pop3Session session) {
        List<String> lines = new ArrayList<>();
        lines.add("TOP");
        lines.add("UIDL");
        if (LoginHandler.plaintextAllowed(config, session)) {
            lines.add("USER");
            lines.add("SASL PLAIN");
        }
        // RFC 2595 §4: STLS only before login, and never twice.
        if (tls.available() && !session.tls() && session.state() instanceof Pop3State.Authorization) {
            lines.add("STLS");
        }
        lines.add("RESP-CODES");
        lines.add("AUTH-RESP-CODE");
        lines.add("PIPELINING");
        lines.add("IMPLEMENTATION " + IMPLEMENTATION);
        return lines;
    }
}
