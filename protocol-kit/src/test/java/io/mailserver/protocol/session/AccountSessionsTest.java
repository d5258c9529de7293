package io.mailserver.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountSessionsTest {

    @Test
    void endsEverySessionOfTheAccountAndNoOther() {
        AccountSessions sessions = new AccountSessions();
        List<String> ended = new ArrayList<>();
        sessions.register(1, reason -> ended.add("a:" + reason));
        Runnable closeB = sessions.register(1, reason -> ended.add("b:" + reason));
        sessions.register(2, reason -> ended.add("c:" + reason));
        assertThat(sessions.open()).isEqualTo(3);

        closeB.run();
        closeB.run();
        assertThat(sessions.open()).isEqualTo(2);
        assertThat(sessions.endAll(1, "disabled")).isEqualTo(1);
        assertThat(ended).containsExactly("a:disabled");
        assertThat(sessions.endAll(3, "deleted")).isZero();
    }

    @Test
    void anAccountAtItsLimitGetsNoFurtherSession() {
        AccountSessions sessions = new AccountSessions();
        Runnable first = sessions.tryRegister(1, reason -> { }, 2);
        assertThat(sessions.tryRegister(1, reason -> { }, 2)).isNotNull();
        assertThat(sessions.tryRegister(1, reason -> { }, 2)).isNull();
        assertThat(sessions.tryRegister(2, reason -> { }, 2)).isNotNull();
        assertThat(sessions.open()).isEqualTo(3);
        first.run();
        assertThat(sessions.tryRegister(1, reason -> { }, 2)).isNotNull();
        assertThat(sessions.open()).isEqualTo(3);
    }

    @Test
    void eventsEndTheSessionsOfDeletedAndDisabledAccountsOnly() {
        AccountSessions sessions = new AccountSessions();
        List<String> ended = new ArrayList<>();
        sessions.register(1, reason -> ended.add("1:" + reason));
        sessions.register(2, reason -> ended.add("2:" + reason));
        assertThat(sessions.accountChanged(1, false, true)).isZero();
        assertThat(sessions.accountChanged(1, false, false)).isEqualTo(1);
        assertThat(sessions.accountChanged(2, true, false)).isEqualTo(1);
        assertThat(ended).containsExactly("1:Account disabled", "2:Account removed");
    }

    @Test
    void aRecheckEndsWhatAnEventWouldHaveAndLeavesDoubtAlone() throws Exception {
        AccountSessions sessions = new AccountSessions();
        List<String> ended = new ArrayList<>();
        for (long id = 1; id <= 4; id++) {
            long account = id;
            sessions.register(account, reason -> ended.add(account + ":" + reason));
        }
        int count = sessions.recheck(id -> switch (id.intValue()) {
            case 1 -> java.util.concurrent.CompletableFuture.completedFuture(AccountSessions.AccountState.ACTIVE);
            case 2 -> java.util.concurrent.CompletableFuture.completedFuture(AccountSessions.AccountState.DISABLED);
            case 3 -> java.util.concurrent.CompletableFuture.completedFuture(AccountSessions.AccountState.GONE);
            default -> java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("auth away"));
        }).toCompletableFuture().get();
        assertThat(count).isEqualTo(2);
        assertThat(ended).containsExactlyInAnyOrder("2:Account disabled", "3:Account removed");
    }
}
