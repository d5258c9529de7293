package io.mailserver.testkit.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Python script shipped as a test resource, run with {@code python3}: how tests drive clients this
 * project did not write (imaplib, poplib, smtplib). Scripts print {@code KEY value} lines.
 */
public final class PythonScript {

    /** What a script printed, by the first word of each line. */
    public record Transcript(List<String> lines) {

        public List<String> values(String key) {
            return lines.stream().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1)).toList();
        }

        public String value(String key) {
            List<String> values = values(key);
            if (values.size() != 1) {
                throw new AssertionError("expected one " + key + " line in " + lines);
            }
            return values.get(0);
        }
    }

    private PythonScript() {
    }

    /**
     * Runs the resource {@code name} next to {@code anchor}'s class and returns its output; fails
     * when it exits non-zero or outlives {@code timeout}.
     */
    public static Transcript run(Class<?> anchor, String name, Duration timeout, String... args) {
        Path script = null;
        Path output = null;
        try {
            script = Files.createTempFile(name.replace(".py", ""), ".py");
            try (InputStream in = anchor.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalArgumentException("no resource " + name + " next to " + anchor.getName());
                }
                Files.write(script, in.readAllBytes());
            }
            output = Files.createTempFile("python-output", ".txt");
            List<String> command = new ArrayList<>(List.of("python3", script.toString()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + " did not finish in " + timeout + ": " + Files.readString(output));
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(name + " failed with " + process.exitValue() + ": " + String.join("\n", lines));
            }
            return new Transcript(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(script);
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
    }
}
