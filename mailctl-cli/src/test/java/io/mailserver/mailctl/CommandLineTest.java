package io.mailserver.mailctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailserver.mailctl.cli.CommandLine;
import io.mailserver.mailctl.cli.Invocation;
import io.mailserver.mailctl.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void parsesEveryCommand() {
        assertThat(CommandLine.parse("up")).isEqualTo(new Invocation.Up("localhost"));
        assertThat(CommandLine.parse("up", "--hostname", "mx.example.org")).isEqualTo(new Invocation.Up("mx.example.org"));
        assertThat(CommandLine.parse("down")).isEqualTo(new Invocation.Down());
        assertThat(CommandLine.parse("status")).isEqualTo(new Invocation.Status());
        assertThat(CommandLine.parse("domain", "add", "example.test")).isEqualTo(new Invocation.DomainAdd("example.test"));
        assertThat(CommandLine.parse("domain", "list")).isEqualTo(new Invocation.DomainList());
        assertThat(CommandLine.parse("user", "add", "a@example.test", "--password", "s3cret!!"))
                .isEqualTo(new Invocation.UserAdd("a@example.test", Optional.of("s3cret!!")));
        assertThat(CommandLine.parse("user", "add", "--password=x y z", "a@example.test"))
                .isEqualTo(new Invocation.UserAdd("a@example.test", Optional.of("x y z")));
        assertThat(CommandLine.parse("user", "add", "a@example.test"))
                .isEqualTo(new Invocation.UserAdd("a@example.test", Optional.empty()));
        assertThat(CommandLine.parse("user", "list", "--domain", "example.test"))
                .isEqualTo(new Invocation.UserList(Optional.of("example.test")));
        assertThat(CommandLine.parse("user", "passwd", "a@example.test", "--password", "n"))
                .isEqualTo(new Invocation.UserPasswd("a@example.test", Optional.of("n")));
        assertThat(CommandLine.parse("alias", "add", "s@example.test", "a@example.test", "b@example.test"))
                .isEqualTo(new Invocation.AliasAdd("s@example.test", List.of("a@example.test", "b@example.test")));
        assertThat(CommandLine.parse("alias", "list")).isEqualTo(new Invocation.AliasList());
        assertThat(CommandLine.parse("quota", "show", "a@example.test")).isEqualTo(new Invocation.QuotaShow("a@example.test"));
        assertThat(CommandLine.parse("quota", "set", "a@example.test", "--storage", "2g", "--messages", "500"))
                .isEqualTo(new Invocation.QuotaSet("a@example.test", java.util.OptionalLong.of(2L << 30),
                        java.util.OptionalLong.of(500)));
        assertThat(CommandLine.parse("quota", "set", "--storage=0", "a@example.test"))
                .isEqualTo(new Invocation.QuotaSet("a@example.test", java.util.OptionalLong.of(0),
                        java.util.OptionalLong.empty()));
        assertThat(CommandLine.parse("quota", "set", "a@example.test"))
                .isEqualTo(new Invocation.QuotaSet("a@example.test", java.util.OptionalLong.empty(),
                        java.util.OptionalLong.empty()));
        assertThat(CommandLine.parse("domain", "dkim", "example.test")).isEqualTo(new Invocation.DomainDkim("example.test"));
        assertThat(CommandLine.parse("queue", "list")).isEqualTo(new Invocation.QueueList(Optional.empty()));
        assertThat(CommandLine.parse("queue", "list", "--domain", "example.net"))
                .isEqualTo(new Invocation.QueueList(Optional.of("example.net")));
        assertThat(CommandLine.parse("queue", "show", "12")).isEqualTo(new Invocation.QueueShow(12));
        assertThat(CommandLine.parse("queue", "retry", "12")).isEqualTo(new Invocation.QueueRetry(java.util.OptionalLong.of(12)));
        assertThat(CommandLine.parse("queue", "retry", "--all")).isEqualTo(new Invocation.QueueRetry(java.util.OptionalLong.empty()));
        assertThat(CommandLine.parse("queue", "delete", "7")).isEqualTo(new Invocation.QueueDelete(7));
    }

    @Test
    void rejectsBadArgumentsWithAOneLineReason() {
        assertThatThrownBy(() -> CommandLine.parse()).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> CommandLine.parse("frobnicate")).hasMessageContaining("unknown command 'frobnicate'");
        assertThatThrownBy(() -> CommandLine.parse("user", "add", "bob")).hasMessageContaining("not a mail address");
        assertThatThrownBy(() -> CommandLine.parse("quota", "set", "a@example.test", "--storage", "10X"))
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> CommandLine.parse("quota", "set", "a@example.test", "--storage", "99999999999999T"))
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> CommandLine.parse("quota", "set", "a@example.test", "--messages", "-1"))
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> CommandLine.parse("quota", "drop", "a@example.test"))
                .hasMessageContaining("unknown quota command");
        assertThatThrownBy(() -> CommandLine.parse("queue", "show", "x1")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> CommandLine.parse("queue", "delete", "0")).hasMessageContaining("start at 1");
        assertThatThrownBy(() -> CommandLine.parse("queue", "retry")).hasMessageContaining("usage: mailctl queue retry ID|--all");
        assertThatThrownBy(() -> CommandLine.parse("queue", "flush")).hasMessageContaining("unknown queue command");
        assertThatThrownBy(() -> CommandLine.parse("user", "add", "a@example.test", "--password"))
                .hasMessageContaining("--password needs a value");
        assertThatThrownBy(() -> CommandLine.parse("user", "add", "a@example.test", "--colour", "red"))
                .hasMessageContaining("unknown option '--colour'");
        assertThatThrownBy(() -> CommandLine.parse("domain", "add")).hasMessageContaining("usage: mailctl domain add NAME");
        assertThatThrownBy(() -> CommandLine.parse("down", "now")).hasMessageContaining("unexpected argument 'now'");
        assertThatThrownBy(() -> CommandLine.parse("alias", "add", "s@example.test")).hasMessageContaining("usage");
    }

    @Test
    void usageErrorsExitWith2AndNoStackTrace() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Mailctl.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                "user", "add", "nobody");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("mailctl: 'nobody' is not a mail address (expected user@domain)\n");
    }
}
