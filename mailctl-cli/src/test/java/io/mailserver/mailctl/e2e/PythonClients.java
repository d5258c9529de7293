package io.mailserver.mailctl.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code src/test/python/mail_clients.py}: Python's smtplib, imaplib and poplib against the server. */
final class PythonClients {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path script;

    PythonClients(Path moduleDir) {
        this.script = moduleDir.resolve("src/test/python/mail_clients.py");
    }

    JsonNode run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("python client timed out: " + command);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String lastLine = output.substring(output.lastIndexOf('\n') + 1);
        if (process.exitValue() != 0) {
            throw new AssertionError("python " + args[0] + " failed: " + output);
        }
        return JSON.readTree(lastLine);
    }
}
