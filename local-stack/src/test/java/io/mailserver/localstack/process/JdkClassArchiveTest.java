package io.mailserver.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void theMailctlScriptFindsTheArchiveOfItsJava() throws Exception {
        Path archive = JdkClassArchive.path().orElseThrow();
        Path directory = archive.getParent();
        // as the script names it: sha256sum of the resolved path of the java it runs
        String script = "printf %s \"$(readlink -f \"$(command -v java)\")\" | sha256sum | cut -c1-24";
        String digest = run(List.of("bash", "-c", script)).strip();
        String pathJava = run(List.of("bash", "-c", "readlink -f \"$(command -v java)\"")).strip();
        assumeTrue(pathJava.equals(ChildProcess.javaExecutable()), "the tests run on the java on PATH");

        assertThat(directory.resolve("java-" + digest + ".jsa").toRealPath()).isEqualTo(archive.toRealPath());
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
