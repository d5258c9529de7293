package io.mailserver.smtp.mailauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's python3-dkim (dkimpy), run by the system interpreter: the implementation we did not write
 * that our DKIM and ARC code is checked against. Fails where that package is not installed (.ci/run
 * installs it), since a skipped interop test would let the check go missing unnoticed.
 */
public final class Dkimpy {

    static final String PYTHON = "/usr/bin/python3";

    public record Run(int exit, String output) {
    }

    private Dkimpy() {
    }

    public static void assertInstalled() throws Exception {
        boolean present = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import dkim, nacl").start().waitFor() == 0;
        assertThat(present).as("needs " + PYTHON + " with python3-dkim and python3-nacl (apt-get install python3-dkim)").isTrue();
    }

    /** dkimpy reads RSA keys as PEM and Ed25519 keys as the base64 of the 32-byte seed. */
    public static byte[] privateKey(DkimAlgorithm algorithm, KeyPair keys) {
        byte[] pkcs8 = DkimKeys.pkcs8(keys.getPrivate());
        String text;
        if (algorithm == DkimAlgorithm.ED25519_SHA256) {
            assertThat(pkcs8).hasSize(48); // PKCS#8 v1: a 16-byte header, then the seed
            text = Base64.getEncoder().encodeToString(Arrays.copyOfRange(pkcs8, 16, 48));
        } else {
            text = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    public static Path file(byte[] content) throws IOException {
        Path file = Files.createTempFile("dkim", ".bin");
        file.toFile().deleteOnExit();
        Files.write(file, content);
        return file;
    }

    /** Runs one of the scripts in the test resources with these arguments. */
    public static Run python(String script, List<Object> args) throws Exception {
        Path scriptFile;
        try (InputStream in = Dkimpy.class.getResourceAsStream("/" + script)) {
            scriptFile = file(in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, scriptFile.toString()));
        for (Object arg : args) {
            command.add(arg.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
