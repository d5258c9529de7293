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
}
