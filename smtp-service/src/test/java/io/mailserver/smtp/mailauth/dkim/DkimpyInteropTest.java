package io.mailserver.smtp.mailauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interop with dkimpy, an implementation we did not write: a round trip through our own signer and
 * verifier would pass even if both shared a misreading of the RFC. Runs Debian's python3-dkim with the
 * system interpreter; fails where that package is not installed (.ci/run installs it), since a skipped
 * interop test would let the check go missing unnoticed.
 */
class DkimpyInteropTest {

    private static final String PYTHON = "/usr/bin/python3";

    /** Canonicalizations and whether to add l=: relaxed is what the brief asks for, simple checks ours too. */
    private static final List<String[]> VARIANTS = List.of(new String[] {"relaxed/relaxed", "whole"},
            new String[] {"relaxed/relaxed", "length"}, new String[] {"simple/simple", "whole"},
            new String[] {"simple/relaxed", "length"}, new String[] {"relaxed/simple", "whole"});

    @BeforeAll
    static void dkimpyIsInstalled() throws Exception {
        boolean present = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import dkim, nacl").start().waitFor() == 0;
        assertThat(present).as("needs " + PYTHON + " with python3-dkim and python3-nacl (apt-get install python3-dkim)").isTrue();
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void dkimpyVerifiesWhatWeSign(DkimAlgorithm algorithm) throws Exception {
        KeyPair keys = DkimKeys.generate(algorithm);
        DkimSigner signer = new DkimSigner(Clock.systemUTC());
        DkimSigningKey key = new DkimSigningKey("example.org", "sel", algorithm, keys.getPrivate());
        List<Object> args = new ArrayList<>(List.of(file(DkimKeys.dnsRecord(algorithm, keys.getPublic()).getBytes(StandardCharsets.US_ASCII))));
        StringBuilder signedMessages = new StringBuilder();
        for (byte[] message : TestMessages.INTEROP) {
            byte[] signed = TestMessages.prepend(signer.sign(key, message), message);
            args.add(file(signed));
            signedMessages.append(TestMessages.text(signed)).append("\n----\n");
        }
        Run run = python("dkimpy_verify.py", args);
        assertThat(run.exit()).as("%s%n%s", signedMessages, run.output()).isZero();
        assertThat(run.output()).contains("LOOKUP sel._domainkey.example.org.");
        for (int i = 0; i < TestMessages.INTEROP.size(); i++) {
            assertThat(run.output()).contains("RESULT " + i + " pass");
        }
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void weVerifyWhatDkimpySigns(DkimAlgorithm algorithm) throws Exception {
        KeyPair keys = DkimKeys.generate(algorithm);
        MapResolver dns = new MapResolver().txt("py._domainkey.example.net", DkimKeys.dnsRecord(algorithm, keys.getPublic()));
        DkimVerifier verifier = new DkimVerifier(dns, Clock.systemUTC());
        List<Object> args = new ArrayList<>(List.of("py", "example.net", algorithm.tag(), file(dkimpyPrivateKey(algorithm, keys))));
        List<Path> outputs = new ArrayList<>();
        for (byte[] message : TestMessages.INTEROP) {
            for (String[] variant : VARIANTS) {
                Path output = file(new byte[0]);
                outputs.add(output);
                args.addAll(List.of(variant[0], variant[1], file(message), output));
            }
        }
        Run run = python("dkimpy_sign.py", args);
        assertThat(run.exit()).as(run.output()).isZero();

        int job = 0;
        for (byte[] message : TestMessages.INTEROP) {
            for (String[] variant : VARIANTS) {
                String field = Files.readString(outputs.get(job++), StandardCharsets.US_ASCII);
                String canonicalization = variant[0];
                boolean length = variant[1].equals("length");
                assertThat(field).startsWith("DKIM-Signature: ").contains("c=" + canonicalization).contains("a=" + algorithm.tag());
                byte[] signed = TestMessages.prepend(field, message);
                List<DkimResult> results = verifier.verify(signed);
                assertThat(results).as(TestMessages.text(signed)).hasSize(1);
                assertThat(results.get(0)).as(TestMessages.text(signed)).isInstanceOf(DkimResult.Pass.class);
                assertThat(results.get(0).signature().domain()).isEqualTo("example.net");
                if (length && message != TestMessages.NO_FINAL_CRLF) {
                    // l= leaves anything appended to the body unsigned; still a pass, which is l='s risk
                    byte[] appended = TestMessages.prepend(TestMessages.text(signed), "appended by a list\r\n".getBytes(StandardCharsets.UTF_8));
                    assertThat(verifier.verify(appended).get(0)).isInstanceOf(DkimResult.Pass.class);
                }
                if (length && message == TestMessages.EMPTY_BODY) {
                    continue; // l=0 signs no body at all, so there is nothing to tamper with
                }
                byte[] tampered = TestMessages.text(signed).replace("\r\n\r\n", "\r\n\r\nX").getBytes(StandardCharsets.UTF_8);
                assertThat(verifier.verify(tampered).get(0)).isInstanceOf(DkimResult.Fail.class);
            }
        }
    }

    /** dkimpy reads RSA keys as PEM and Ed25519 keys as the base64 of the 32-byte seed. */
    private static byte[] dkimpyPrivateKey(DkimAlgorithm algorithm, KeyPair keys) {
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

    private record Run(int exit, String output) {
    }

    private static Path file(byte[] content) throws IOException {
        Path file = Files.createTempFile("dkim", ".bin");
        file.toFile().deleteOnExit();
        Files.write(file, content);
        return file;
    }

    private static Run python(String script, List<Object> args) throws Exception {
        Path scriptFile;
        try (InputStream in = DkimpyInteropTest.class.getResourceAsStream("/" + script)) {
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
