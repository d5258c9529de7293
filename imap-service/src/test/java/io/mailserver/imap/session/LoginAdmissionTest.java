package io.mailserver.imap.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailserver.imap.metrics.ImapMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginAdmissionTest {

    private static final Executor DIRECT = Runnable::run;

    private Vertx vertx;
    private SimpleMeterRegistry registry;
    private final List<String> admitted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private LoginAdmission admission(int limit, Duration maxWait) {
        return new LoginAdmission(limit, Duration.ofMinutes(1), maxWait, vertx, new ImapMetrics(registry));
    }

    /** A login that notes its name when let in and completes when {@code done} does. */
    private CompletableFuture<String> login(LoginAdmission admission, String name, CompletableFuture<String> done) {
        return admission.admitted(DIRECT, () -> {
            admitted.add(name);
            return Uni.createFrom().completionStage(done);
        }).subscribeAsCompletionStage();
    }

    private double delayed(String outcome) {
        var counter = registry.find("imap.logins.delayed").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void belowTheLimitALoginGoesStraightInAndHoldsASlotUntilItCompletes() {
        LoginAdmission admission = admission(2, Duration.ofMinutes(1));
        LoginAdmission.Busy command = admission.commandStarted();
        CompletableFuture<String> done = new CompletableFuture<>();

        CompletableFuture<String> result = login(admission, "a", done);

        assertThat(admitted).containsExactly("a");
        assertThat(admission.busy()).isEqualTo(2);
        done.complete("ok");
        assertThat(result.join()).isEqualTo("ok");
        assertThat(admission.busy()).isEqualTo(1);
        command.end();
        assertThat(admission.busy()).isZero();
        assertThat(delayed("admitted") + delayed("max-wait")).isZero();
    }

    @Test
    void atTheLimitLoginsWaitAndAreLetInOldestFirstAsCommandsEnd() {
        LoginAdmission admission = admission(1, Duration.ofMinutes(1));
        LoginAdmission.Busy command = admission.commandStarted();

        login(admission, "first", CompletableFuture.completedFuture("ok"));
        login(admission, "second", CompletableFuture.completedFuture("ok"));
        assertThat(admitted).isEmpty();

        command.end();
        command.end();
        await().atMost(Duration.ofSeconds(5)).until(() -> admitted.size() == 2);
        assertThat(admitted).containsExactly("first", "second");
        assertThat(admission.busy()).isZero();
        assertThat(delayed("admitted")).isEqualTo(2);
    }

    @Test
    void aLoginThatWaitedTheLongestAllowedGoesAheadAnyway() {
        LoginAdmission admission = admission(1, Duration.ofMillis(50));
        admission.commandStarted();
        CompletableFuture<String> done = new CompletableFuture<>();

        CompletableFuture<String> result = login(admission, "patient", done);

        await().atMost(Duration.ofSeconds(5)).until(() -> admitted.contains("patient"));
        assertThat(admission.busy()).as("the command and the login").isEqualTo(2);
        done.complete("ok");
        assertThat(result.join()).isEqualTo("ok");
        assertThat(delayed("max-wait")).isEqualTo(1);
    }

    @Test
    void aLoginCancelledWhileWaitingLeavesTheQueue() {
        LoginAdmission admission = admission(1, Duration.ofMinutes(1));
        LoginAdmission.Busy command = admission.commandStarted();
        Cancellable gone = admission.admitted(DIRECT, () -> {
            admitted.add("gone");
            return Uni.createFrom().item("ok");
        }).subscribe().with(item -> { });
        login(admission, "next", new CompletableFuture<>());

        gone.cancel();
        command.end();

        await().atMost(Duration.ofSeconds(5)).until(() -> admitted.contains("next"));
        assertThat(admitted).containsExactly("next");
        assertThat(admission.busy()).isEqualTo(1);
    }

    @Test
    void aCommandRunningLongerThanBusyForNoLongerHoldsLoginsBack() {
        LoginAdmission admission = new LoginAdmission(1, Duration.ofMillis(50), Duration.ofMinutes(1), vertx,
                new ImapMetrics(registry));
        LoginAdmission.Busy slowDownload = admission.commandStarted();

        login(admission, "next", new CompletableFuture<>());

        await().atMost(Duration.ofSeconds(5)).until(() -> admitted.contains("next"));
        assertThat(delayed("max-wait")).as("let in when the command stopped counting").isZero();
        slowDownload.end();
        assertThat(admission.busy()).as("only the login").isEqualTo(1);
    }

    @Test
    void withNoLimitNothingWaitsOrIsCounted() {
        LoginAdmission admission = admission(0, Duration.ofMinutes(1));
        admission.commandStarted();
        admission.commandStarted();

        assertThat(login(admission, "a", CompletableFuture.completedFuture("ok")).join()).isEqualTo("ok");
        assertThat(admitted).containsExactly("a");
        assertThat(admission.busy()).isZero();
    }

    @Test
    void zeroConfiguredMeansThreePerTwoProcessorsAndANegativeNumberNone() {
        assertThat(LoginAdmission.limit(0)).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        assertThat(LoginAdmission.limit(-1)).isZero();
        assertThat(LoginAdmission.limit(6)).isEqualTo(6);
    }
}
