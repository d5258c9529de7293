package io.mailserver.mailctl.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the scripts in {@code src/test/python}: {@code mail_clients.py} (Python's smtplib, imaplib and
 * poplib against the server) and {@code malformed_input.py}. Each prints one JSON object last.
 */
final class PythonClients {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path scripts;

    PythonClients(Path moduleDir) {
        this.scripts = moduleDir.resolve("src/test/python");
    }

    /** One action of {@code mail_clients.py}. */
    JsonNode run(String... args) throws IOException, InterruptedException {
        return runScript("mail_clients.py", args);
    }

    JsonNode runScript(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", scripts.resolve(script).toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("python client timed out: " + command);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String lastLine = output.substring(output.lastIndexOf('\n') + 1);
        if (process.exitValue() != 0) {
            throw new AssertionError("python " + script + " " + String.join(" ", args) + " failed: " + output);
        }
        return JSON.readTree(lastLine);
    }
}
