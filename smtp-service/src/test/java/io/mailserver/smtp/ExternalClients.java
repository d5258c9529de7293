package io.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs mail clients this project did not write (swaks, curl, Python scripts over smtplib) from tests. */
final class ExternalClients {

    private ExternalClients() {
    }

    /** Runs a command; fails unless it exits 0 within a minute. Returns its output. */
    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s output: %s", command[0], output).isZero();
        return output.toString(StandardCharsets.UTF_8);
    }

    /** Runs a Python script from the test resources with a message file as its last argument; returns its output. */
    static String runPython(String resource, String message, String... arguments) throws Exception {
        Path script = Files.createTempFile("script", ".py");
        Path messageFile = Files.createTempFile("message", ".eml");
        try (InputStream in = ExternalClients.class.getResourceAsStream(resource)) {
            Files.write(script, in.readAllBytes());
        }
        Files.write(messageFile, message.getBytes(StandardCharsets.ISO_8859_1));
        try {
            List<String> command = new ArrayList<>(List.of("python3", script.toString()));
            command.addAll(List.of(arguments));
            command.add(messageFile.toString());
            return run(command.toArray(String[]::new));
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(messageFile);
        }
    }
}
