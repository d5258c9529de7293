package io.mailserver.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server of the tests written in Python: a script of the test resources, run in a process of its
 * own, which prints {@code ready} once it listens.
 */
final class PythonServer implements AutoCloseable {

    private final Process process;

    private PythonServer(Process process) {
        this.process = process;
    }

    /** For a script that needs Python's standard library only. */
    static PythonServer start(Path directory, String script, List<String> arguments) throws IOException {
        return start(directory, script, arguments, "");
    }

    /**
     * @param script        the resource, copied into {@code directory} and run from there
     * @param debianPackage the package of the module the script needs beyond the standard library,
     *                      suspected when it does not start
     */
    static PythonServer start(Path directory, String script, List<String> arguments, String debianPackage)
            throws IOException {
        Path file = directory.resolve(script);
        try (InputStream in = PythonServer.class.getResourceAsStream("/" + script)) {
            Files.write(file, in.readAllBytes());
        }
        // Debian's interpreter, where the python3-* packages are installed
        String python = Files.exists(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        List<String> command = new ArrayList<>(List.of(python, file.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"ready".equals(line)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not start"
                    + (debianPackage.isEmpty() ? "" : " (" + debianPackage + " missing?)") + ": " + line);
        }
        return new PythonServer(process);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
