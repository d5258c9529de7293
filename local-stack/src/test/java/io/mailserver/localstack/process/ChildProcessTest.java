package io.mailserver.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @Test
    void aToolThatOverrunsIsStopped(@TempDir Path directory) throws Exception {
        ChildProcess tool = ChildProcess.start("sleeper", List.of("sleep", "60"), Map.of(), directory,
                directory.resolve("sleeper.log"));

        assertThatThrownBy(() -> tool.awaitExit(Duration.ofMillis(200)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not finish");

        assertThat(tool.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
    }

    @Test
    void aToolWhoseWaiterIsInterruptedIsStoppedToo(@TempDir Path directory) throws Exception {
        ChildProcess tool = ChildProcess.start("sleeper", List.of("sleep", "60"), Map.of(), directory,
                directory.resolve("sleeper.log"));

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> tool.awaitExit(Duration.ofSeconds(60))).isInstanceOf(IllegalStateException.class);
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
        } finally {
            Thread.interrupted();
        }

        // its shutdown hook is gone, so nothing else would ever stop it
        assertThat(tool.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
    }

    @Test
    void aToolThatEndsGivesItsExitStatus(@TempDir Path directory) {
        ChildProcess tool = ChildProcess.start("false", List.of("sh", "-c", "exit 3"), Map.of(), directory,
                directory.resolve("false.log"));

        assertThat(tool.awaitExit(Duration.ofSeconds(30))).isEqualTo(3);
    }
}
