package io.mailserver.smtp.mailauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interop with dkimpy ({@link Dkimpy}), an implementation we did not write: a round trip through our
 * own signer and verifier would pass even if both shared a misreading of the RFC.
 */
class DkimpyInteropTest {

    /** Canonicalizations and whether to add l=: relaxed is what the brief asks for, simple checks ours too. */
    private static final List<String[]> VARIANTS = List.of(new String[] {"relaxed/relaxed", "whole"},
            new String[] {"relaxed/relaxed", "length"}, new String[] {"simple/simple", "whole"},
            new String[] {"simple/relaxed", "length"}, new String[] {"relaxed/simple", "whole"});

    @BeforeAll
    static void dkimpyIsInstalled() throws Exception {
        Dkimpy.assertInstalled();
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void dkimpyVerifiesWhatWeSign(DkimAlgorithm algorithm) throws Exception {
        KeyPair keys = DkimKeys.generate(algorithm);
        DkimSigner signer = new DkimSigner(Clock.systemUTC());
        DkimSigningKey key = new DkimSigningKey("example.org", "sel", algorithm, keys.getPrivate());
        List<Object> args = new ArrayList<>(List.of(Dkimpy.file(DkimKeys.dnsRecord(algorithm, keys.getPublic()).getBytes(StandardCharsets.US_ASCII))));
        StringBuilder signedMessages = new StringBuilder();
        for (byte[] message : TestMessages.INTEROP) {
            byte[] signed = TestMessages.prepend(signer.sign(key, message), message);
            args.add(Dkimpy.file(signed));
            signedMessages.append(TestMessages.text(signed)).append("\n----\n");
        }
        Dkimpy.Run run = Dkimpy.python("dkimpy_verify.py", args);
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
        List<Object> args = new ArrayList<>(List.of("py", "example.net", algorithm.tag(), Dkimpy.file(Dkimpy.privateKey(algorithm, keys))));
        List<Path> outputs = new ArrayList<>();
        for (byte[] message : TestMessages.INTEROP) {
            for (String[] variant : VARIANTS) {
                Path output = Dkimpy.file(new byte[0]);
                outputs.add(output);
                args.addAll(List.of(variant[0], variant[1], Dkimpy.file(message), output));
            }
        }
        Dkimpy.Run run = Dkimpy.python("dkimpy_sign.py", args);
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
}
