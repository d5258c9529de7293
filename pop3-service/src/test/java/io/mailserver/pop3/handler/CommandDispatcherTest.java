package io.mailserver.pop3.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.pop3.command.NoopCommand;
import io.mailserver.pop3.command.RetrCommand;
import io.mailserver.pop3.command.StlsCommand;
import io.mailserver.pop3.command.UserCommand;
import io.mailserver.pop3.command.Verb;
import io.mailserver.pop3.metrics.Pop3Metrics;
import io.mailserver.pop3.reply.Pop3Reply;
import io.mailserver.pop3.session.Maildrop;
import io.mailserver.pop3.session.Pop3State;
import io.mailserver.pop3.session.Pop3State.Phase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The state rules of RFC 1939 §3-§7, RFC 2449 and RFC 2595, as the dispatcher enforces them. */
class CommandDispatcherTest {

    private final CommandDispatcher dispatcher = new CommandDispatcher(List.of(
            new LoginHandler(null, null, null, null), new MaildropHandler(), new RetrieveHandler(null, null),
            new DeleteHandler(), new QuitHandler(null, null, null), new CapaHandler(null, null),
            new StlsHandler(null)), new Pop3Metrics(new SimpleMeterRegistry()));

    private static Set<Verb> allowedIn(CommandDispatcher dispatcher, Phase phase) {
        Set<Verb> verbs = EnumSet.noneOf(Verb.class);
        for (Verb verb : Verb.values()) {
            if (dispatcher.allows(verb, phase)) {
                verbs.add(verb);
            }
        }
        return verbs;
    }

    @Test
    void authorizationState() {
        assertThat(allowedIn(dispatcher, Phase.AUTHORIZATION))
                .containsExactlyInAnyOrder(Verb.USER, Verb.PASS, Verb.AUTH, Verb.QUIT, Verb.CAPA, Verb.STLS);
    }

    @Test
    void transactionState() {
        assertThat(allowedIn(dispatcher, Phase.TRANSACTION)).containsExactlyInAnyOrder(Verb.STAT, Verb.LIST,
                Verb.RETR, Verb.DELE, Verb.NOOP, Verb.RSET, Verb.QUIT, Verb.TOP, Verb.UIDL, Verb.CAPA);
    }

    @Test
    void updateStateAcceptsNothing() {
        assertThat(allowedIn(dispatcher, Phase.UPDATE)).isEmpty();
    }

    @Test
    void aCommandInTheWrongStateIsRefusedWithoutRunningIt() {
        FakeSession before = new FakeSession(Pop3State.Authorization.initial());
        Outcome retr = dispatcher.dispatch(new RetrCommand(1), before).await().indefinitely();
        assertThat(retr).isEqualTo(Outcome.reply(Pop3Reply.err("RETR is not allowed in the authorization state")));
        Outcome noop = dispatcher.dispatch(new NoopCommand(), before).await().indefinitely();
        assertThat(((Outcome.Reply) noop).reply()).isInstanceOf(Pop3Reply.Err.class);

        FakeSession after = new FakeSession(Pop3State.Transaction.of(Maildrop.empty(1)));
        Outcome user = dispatcher.dispatch(new UserCommand("bob"), after).await().indefinitely();
        assertThat(user).isEqualTo(Outcome.reply(Pop3Reply.err("USER is not allowed in the transaction state")));
        Outcome stls = dispatcher.dispatch(new StlsCommand(), after).await().indefinitely();
        assertThat(stls).isEqualTo(Outcome.reply(Pop3Reply.err("STLS is not allowed in the transaction state")));
    }
}
