package io.mailserver.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkClassArchiveTest {

    @Test
    void theJvmsOfTheSystemTakeJdkClassesBeyondTheDefaultArchiveFromOurs() throws Exception {
        assertThat(JdkClassArchive.path()).isPresent();
        List<String> command = new ArrayList<>(SmallJvm.command("64m"));
        command.addAll(List.of("-Xshare:on", "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"),
                LoadsTls.class.getName()));

        String output = run(command);

        // TLS is not in the JDK's default archive; loaded from a class file it would say "source: jrt:/java.base"
        assertThat(output).contains("sun.security.ssl.SSLContextImpl source: shared objects file",
                "javax.net.ssl.SSLContext source: shared objects file");
    }

    @Test
    void anArchiveIsMadeOnceAndFoundAgain(@TempDir Path directory) throws Exception {
        Optional<Path> made = JdkClassArchive.make(directory);
        assertThat(made).isPresent();
        long modified = Files.getLastModifiedTime(made.get()).toMillis();

        assertThat(JdkClassArchive.make(directory)).isEqualTo(made);
        assertThat(Files.getLastModifiedTime(made.get()).toMillis()).isEqualTo(modified);
        try (var files = Files.list(directory)) {
            // no class list or half-made archive left behind
            assertThat(files).containsExactlyInAnyOrder(made.get(), JdkClassArchive.pointerFor(directory));
        }
        assertThat(JdkClassArchive.pointerFor(directory).toRealPath()).isEqualTo(made.get().toRealPath());
    }

    @Test
    void noArchiveIsTakenFromADirectoryOthersCanWriteTo(@TempDir Path parent) throws Exception {
        Path shared = Files.createDirectory(parent.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThat(JdkClassArchive.make(shared)).isEmpty();
        try (var files = Files.list(shared)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theMailctlScriptGivesTheSupervisorTheArchiveOfItsJava() throws Exception {
        Path archive = JdkClassArchive.path().orElseThrow();
        String pathJava = run(List.of("bash", "-c", "readlink -f \"$(command -v java)\"")).strip();
        assumeTrue(pathJava.equals(ChildProcess.javaExecutable()), "the tests run on the java on PATH");
        // the script's own lines that choose the supervisor's archive (the module runs in local-stack/)
        String script = Files.readString(Path.of("..", "mailctl"));
        String choice = script.substring(script.indexOf("archives="), script.indexOf("fi\n", script.indexOf("archive_option=()")) + 3);

        String option = run(List.of("bash", "-c", choice + "echo \"${archive_option[@]}\"")).strip();

        assertThat(option).startsWith("-XX:SharedArchiveFile=");
        assertThat(Path.of(option.substring(option.indexOf('=') + 1)).toRealPath()).isEqualTo(archive.toRealPath());
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    /** Run in a JVM of its own: loads the JDK's TLS implementation. */
    public static final class LoadsTls {
        public static void main(String[] args) throws Exception {
            SSLContext.getDefault();
        }
    }
}
