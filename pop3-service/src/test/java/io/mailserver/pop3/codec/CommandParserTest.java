package io.mailserver.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.pop3.command.AuthCommand;
import io.mailserver.pop3.command.CapaCommand;
import io.mailserver.pop3.command.DeleCommand;
import io.mailserver.pop3.command.ListCommand;
import io.mailserver.pop3.command.NoopCommand;
import io.mailserver.pop3.command.PassCommand;
import io.mailserver.pop3.command.Pop3Command;
import io.mailserver.pop3.command.QuitCommand;
import io.mailserver.pop3.command.RetrCommand;
import io.mailserver.pop3.command.RsetCommand;
import io.mailserver.pop3.command.StatCommand;
import io.mailserver.pop3.command.StlsCommand;
import io.mailserver.pop3.command.TopCommand;
import io.mailserver.pop3.command.UidlCommand;
import io.mailserver.pop3.command.UserCommand;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

    private static Pop3Command parsed(String line) {
        Decoded decoded = CommandParser.parse(line);
        assertThat(decoded).as(line).isInstanceOf(Decoded.Command.class);
        return ((Decoded.Command) decoded).command();
    }

    private static String malformed(String line) {
        Decoded decoded = CommandParser.parse(line);
        assertThat(decoded).as(line).isInstanceOf(Decoded.Malformed.class);
        return ((Decoded.Malformed) decoded).reason();
    }

    @Test
    void everyCommandWithItsArguments() {
        assertThat(parsed("USER alice@example.test")).isEqualTo(new UserCommand("alice@example.test"));
        assertThat(parsed("PASS secret")).isEqualTo(new PassCommand("secret"));
        assertThat(parsed("STAT")).isEqualTo(new StatCommand());
        assertThat(parsed("LIST")).isEqualTo(new ListCommand(OptionalInt.empty()));
        assertThat(parsed("LIST 3")).isEqualTo(new ListCommand(OptionalInt.of(3)));
        assertThat(parsed("RETR 1")).isEqualTo(new RetrCommand(1));
        assertThat(parsed("DELE 12")).isEqualTo(new DeleCommand(12));
        assertThat(parsed("NOOP")).isEqualTo(new NoopCommand());
        assertThat(parsed("RSET")).isEqualTo(new RsetCommand());
        assertThat(parsed("QUIT")).isEqualTo(new QuitCommand());
        assertThat(parsed("TOP 2 0")).isEqualTo(new TopCommand(2, 0));
        assertThat(parsed("TOP 2 10")).isEqualTo(new TopCommand(2, 10));
        assertThat(parsed("UIDL")).isEqualTo(new UidlCommand(OptionalInt.empty()));
        assertThat(parsed("UIDL 7")).isEqualTo(new UidlCommand(OptionalInt.of(7)));
        assertThat(parsed("CAPA")).isEqualTo(new CapaCommand());
        assertThat(parsed("STLS")).isEqualTo(new StlsCommand());
        assertThat(parsed("AUTH PLAIN")).isEqualTo(new AuthCommand("PLAIN", Optional.empty()));
        assertThat(parsed("AUTH plain AGFsaWNlAHNlY3JldA==")).isEqualTo(
                new AuthCommand("PLAIN", Optional.of("AGFsaWNlAHNlY3JldA==")));
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertThat(parsed("stat")).isEqualTo(new StatCommand());
        assertThat(parsed("Retr 1")).isEqualTo(new RetrCommand(1));
        assertThat(parsed("uIdL")).isEqualTo(new UidlCommand(OptionalInt.empty()));
        assertThat(parsed("top 1 5")).isEqualTo(new TopCommand(1, 5));
    }

    @Test
    void passKeepsSpacesOfThePassword() {
        assertThat(parsed("PASS correct horse battery")).isEqualTo(new PassCommand("correct horse battery"));
        assertThat(parsed("PASS  leading")).isEqualTo(new PassCommand(" leading"));
        assertThat(parsed("PASS trailing ")).isEqualTo(new PassCommand("trailing "));
    }

    @Test
    void passNeverShowsTheSecret() {
        assertThat(parsed("PASS hunter2").toString()).doesNotContain("hunter2");
        assertThat(parsed("AUTH PLAIN AGFsaWNlAHNlY3JldA==").toString()).doesNotContain("AGFsaWNlAHNlY3JldA==");
    }

    @Test
    void extraSpacesBetweenAndAfterArgumentsAreTolerated() {
        assertThat(parsed("TOP  1   2 ")).isEqualTo(new TopCommand(1, 2));
        assertThat(parsed("STAT ")).isEqualTo(new StatCommand());
        assertThat(parsed("LIST ")).isEqualTo(new ListCommand(OptionalInt.empty()));
    }

    @Test
    void leadingZerosAreStillNumbers() {
        assertThat(parsed("RETR 007")).isEqualTo(new RetrCommand(7));
        assertThat(parsed("TOP 1 000")).isEqualTo(new TopCommand(1, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "HELO", "APOP alice 0123456789abcdef", "RETRX 1", "ST", "\u0000\u0001",
            "GET / HTTP/1.1", "X-STAT"})
    void unknownCommands(String line) {
        assertThat(malformed(line)).isEqualTo("Unknown command");
    }

    @ParameterizedTest
    @ValueSource(strings = {"USER", "USER a b", "PASS", "STAT 1", "NOOP x", "QUIT now", "RSET 1", "CAPA x",
            "STLS now", "LIST 0", "LIST -1", "LIST a", "LIST 1 2", "LIST +1", "RETR", "RETR 0", "RETR 1.5",
            "RETR 1 2", "DELE", "DELE x", "TOP", "TOP 1", "TOP 0 1", "TOP 1 -1", "TOP 1 x", "TOP 1 2 3",
            "UIDL 0", "UIDL x", "AUTH", "AUTH PLAIN a b", "RETR 1234567890", "RETR 99999999999999999999",
            "TOP 1 9999999999999999999", "USER a\tb"})
    void badOrMissingArguments(String line) {
        assertThat(malformed(line)).isNotBlank().doesNotContain("Unknown command");
    }
}
