package io.mailserver.imap.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailserver.imap.client.AccountIdentity;
import io.mailserver.imap.client.PeerRejectedException;
import io.mailserver.imap.client.PeerUnavailableException;
import io.mailserver.imap.command.CheckCommand;
import io.mailserver.imap.command.NoopCommand;
import io.mailserver.imap.metrics.ImapMetrics;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.session.FakeChannel;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.LoginAdmission;
import io.mailserver.imap.session.SessionState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandDispatcherTest {

    private final FakeChannel channel = new FakeChannel();
    private final ImapSession session = new ImapSession(channel);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ImapMetrics metrics = new ImapMetrics(registry);

    /** A NOOP whose outcome the test decides. */
    private static CommandHandler<NoopCommand> noop(Supplier<Uni<Completion>> outcome) {
        return new CommandHandler<>() {
            @Override
            public Class<NoopCommand> command() {
                return NoopCommand.class;
            }

            @Override
            public Set<Class<? extends SessionState>> states() {
                return ANY;
            }

            @Override
            public Uni<Completion> handle(NoopCommand command, ImapSession session) {
                return outcome.get();
            }
        };
    }

    private final Vertx vertx = Vertx.vertx();
    /** Admission whose count of busy commands the tests read. */
    private final LoginAdmission admission = new LoginAdmission(4, Duration.ofMinutes(1), Duration.ofMinutes(1),
            vertx, metrics);

    @AfterEach
    void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private List<String> run(CommandHandler<?> handler, io.mailserver.imap.command.ImapCommand command) {
        CommandDispatcher dispatcher = new CommandDispatcher(List.of(handler, new CheckHandler()), null, metrics, admission);
        dispatcher.execute(command, session).await().atMost(Duration.ofSeconds(5));
        return channel.lines();
    }

    @Test
    void failuresBecomeTaggedNoAndAreCounted() {
        assertThat(run(noop(() -> {
            throw new IllegalStateException("bug");
        }), new NoopCommand("a1"))).containsExactly("a1 NO [SERVERBUG] Internal server error");
        assertThat(run(noop(() -> Uni.createFrom().failure(new PeerUnavailableException("storage-service",
                new StatusRuntimeException(Status.UNAVAILABLE)))), new NoopCommand("a2")))
                .containsExactly("a2 NO [UNAVAILABLE] Service temporarily unavailable, try again later");
        assertThat(run(noop(() -> Uni.createFrom().failure(new PeerRejectedException("storage-service",
                Status.NOT_FOUND, null))), new NoopCommand("a3")))
                .containsExactly("a3 NO [NONEXISTENT] No such mailbox");
        assertThat(registry.get("imap.commands").tag("command", "NOOP").tag("result", "no").counter().count())
                .isEqualTo(3);
    }

    @Test
    void statesAreCheckedBeforeTheHandlerRuns() {
        assertThat(run(noop(() -> Uni.createFrom().item(Completion.ok("done"))), new CheckCommand("b1")))
                .containsExactly("b1 BAD Not authenticated");
        assertThat(run(noop(() -> Uni.createFrom().item(Completion.ok("done"))), new NoopCommand("b2")))
                .containsExactly("b2 OK done");
    }

    @Test
    void aLoggedInSessionsCommandHoldsAnAdmissionSlotWhileItRuns() {
        CompletableFuture<Completion> outcome = new CompletableFuture<>();
        CommandDispatcher dispatcher = new CommandDispatcher(
                List.of(noop(() -> Uni.createFrom().completionStage(outcome))), null, metrics, admission);

        dispatcher.execute(new NoopCommand("c1"), session).subscribe().with(status -> { });
        assertThat(admission.busy()).as("before login").isZero();
        outcome.complete(Completion.ok("done"));

        CompletableFuture<Completion> loggedIn = new CompletableFuture<>();
        CommandDispatcher afterLogin = new CommandDispatcher(
                List.of(noop(() -> Uni.createFrom().completionStage(loggedIn))), null, metrics, admission);
        session.state(new SessionState.Authenticated(new AccountIdentity(1, "a@example.org")));
        var answered = afterLogin.execute(new NoopCommand("c2"), session).subscribeAsCompletionStage();
        assertThat(admission.busy()).as("while NOOP runs").isEqualTo(1);
        loggedIn.complete(Completion.ok("done"));
        answered.join();
        assertThat(admission.busy()).as("once answered").isZero();
    }
}
