package io.mailserver.smtp.mailauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ARC chains (RFC 8617) made by dkimpy ({@link Dkimpy}), as forwarders and mailing lists running it
 * would seal them, validated by ours: one and two intermediaries pass; a message or a set changed
 * after sealing, a missing set, and a chain its last sealer called broken fail.
 */
class ArcVerifierTest {

    private static final byte[] MESSAGE = ("From: Alice <alice@example.org>\r\nTo: list@lists.example.net\r\n"
            + "Subject: through two forwarders\r\nDate: Thu, 03 Dec 2026 12:00:00 +0000\r\nMessage-ID: <arc-1@example.org>\r\n"
            + "\r\nHello,\r\n\r\nthis went through a list.\r\n").getBytes(StandardCharsets.US_ASCII);

    private static Path listKey;
    private static Path forwarderKey;
    private static ArcVerifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        Dkimpy.assertInstalled();
        KeyPair list = DkimKeys.generate(DkimAlgorithm.RSA_SHA256);
        KeyPair forwarder = DkimKeys.generate(DkimAlgorithm.RSA_SHA256);
        listKey = Dkimpy.file(Dkimpy.privateKey(DkimAlgorithm.RSA_SHA256, list));
        forwarderKey = Dkimpy.file(Dkimpy.privateKey(DkimAlgorithm.RSA_SHA256, forwarder));
        verifier = new ArcVerifier(new MapResolver()
                .txt("arc._domainkey.lists.example.net", DkimKeys.dnsRecord(DkimAlgorithm.RSA_SHA256, list.getPublic()))
                .txt("fwd._domainkey.forwarder.example.com", DkimKeys.dnsRecord(DkimAlgorithm.RSA_SHA256, forwarder.getPublic())),
                Clock.systemUTC());
    }

    /** The message after these hops, each {selector, domain, key, authserv-id, arc result it saw}. */
    private static String sealed(Object[]... hops) throws Exception {
        Path output = Dkimpy.file(new byte[0]);
        List<Object> args = new ArrayList<>(List.of(Dkimpy.file(MESSAGE), output));
        for (Object[] hop : hops) {
            args.addAll(List.of(hop));
        }
        Dkimpy.Run run = Dkimpy.python("dkimpy_arc_sign.py", args);
        assertThat(run.exit()).as(run.output()).isZero();
        return Files.readString(output, StandardCharsets.ISO_8859_1);
    }

    private static Object[] list() {
        return new Object[] {"arc", "lists.example.net", listKey, "mx.lists.example.net",
            "spf=pass smtp.mailfrom=example.org; dmarc=pass header.from=example.org"};
    }

    private static Object[] forwarder(String arcItSaw) {
        return new Object[] {"fwd", "forwarder.example.com", forwarderKey, "mx.forwarder.example.com",
            "spf=pass smtp.mailfrom=lists.example.net; dmarc=fail header.from=example.org; arc=" + arcItSaw};
    }

    private static ArcResult verify(String message) {
        return verifier.verify(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void chainsOfOneAndTwoIntermediariesPass() throws Exception {
        ArcResult one = verify(sealed(list()));
        // what the sealer found when the message reached it, for the receiver's policy to weigh
        assertThat(one).as(one.reason()).isEqualTo(new ArcResult(ArcResult.Kind.PASS, 1, "lists.example.net", "", Set.of("example.org")));
        String twice = sealed(list(), forwarder("pass"));
        assertThat(verify(twice)).as(twice).isEqualTo(new ArcResult(ArcResult.Kind.PASS, 2, "forwarder.example.com", "", Set.of()));
        assertThat(ArcVerifier.newestSealer(io.mailserver.smtp.mailauth.RawMessage.parse(twice.getBytes(StandardCharsets.ISO_8859_1))))
                .contains("forwarder.example.com");
        assertThat(verifier.verify(MESSAGE)).isEqualTo(ArcResult.NONE);
    }

    @Test
    void changesAfterSealingBreakTheChain() throws Exception {
        String twice = sealed(list(), forwarder("pass"));
        // the body, after the last seal: the newest message signature fails
        assertThat(verify(twice.replace("this went through", "this was changed after"))).satisfies(r -> {
            assertThat(r.kind()).isEqualTo(ArcResult.Kind.FAIL);
            assertThat(r.reason()).isEqualTo("ARC-Message-Signature i=2: " + DkimResult.Fail.BODY_HASH_MISMATCH);
        });
        // what the first intermediary said it saw: the seals over set 1 fail
        String rewritten = twice.replace("ARC-Authentication-Results: i=1; mx.lists.example.net;",
                "ARC-Authentication-Results: i=1; mx.lists.example.net; dkim=pass;");
        assertThat(rewritten).isNotEqualTo(twice);
        assertThat(verify(rewritten).reason()).startsWith("ARC-Seal i=2: ");
        // a set removed
        String withoutFirst = twice.replaceAll("(?m)^ARC-Seal: i=1;[^\\r]*\\r\\n(\\s[^\\r]*\\r\\n)*", "");
        assertThat(withoutFirst).isNotEqualTo(twice);
        assertThat(verify(withoutFirst).reason()).isEqualTo("ARC set 1 is incomplete");
        // a set doubled
        int aar = twice.indexOf("ARC-Authentication-Results: i=1");
        String doubled = twice.substring(0, aar) + "ARC-Authentication-Results: i=1; x.example; none\r\n" + twice.substring(aar);
        assertThat(verify(doubled).kind()).isEqualTo(ArcResult.Kind.FAIL);
    }

    @Test
    void partlySignedBodiesAndLongChainsFailBeforeAnyLookup() throws Exception {
        String once = sealed(list());
        String withLength = once.replaceFirst("ARC-Message-Signature: i=1;", "ARC-Message-Signature: i=1; l=10;");
        assertThat(withLength).isNotEqualTo(once);
        assertThat(verify(withLength).reason()).isEqualTo("ARC-Message-Signature i=1: l= in an ARC-Message-Signature");
        Object[][] hops = new Object[ArcVerifier.MAX_VALIDATED + 1][];
        hops[0] = list();
        for (int i = 1; i < hops.length; i++) {
            hops[i] = forwarder("pass");
        }
        assertThat(verify(sealed(hops)).reason()).isEqualTo("more than " + ArcVerifier.MAX_VALIDATED + " ARC sets");
    }

    @Test
    void aChainTheLastSealerFoundBrokenFails() throws Exception {
        ArcResult result = verify(sealed(list(), forwarder("fail")));
        assertThat(result.kind()).isEqualTo(ArcResult.Kind.FAIL);
        assertThat(result.reason()).contains("cv=fail");
    }

    @Test
    void garbageIsAFailNeverAnException() {
        for (String fields : List.of("ARC-Seal: i=1; cv=none\r\n", "ARC-Seal: i=51; a=rsa-sha256\r\n", "ARC-Seal: x\r\n",
                "ARC-Authentication-Results: nothing\r\n", "ARC-Message-Signature: i=1; v=1\r\n",
                "ARC-Seal: i=0; cv=none; a=rsa-sha256; d=a.example; s=s; b=AAAA\r\n")) {
            ArcResult result = verifier.verify((fields + new String(MESSAGE, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.ISO_8859_1));
            assertThat(result.kind()).as(fields).isEqualTo(ArcResult.Kind.FAIL);
        }
    }
}
