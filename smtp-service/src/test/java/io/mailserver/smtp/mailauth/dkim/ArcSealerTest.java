package io.mailserver.smtp.mailauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailserver.smtp.mailauth.MessageBody;
import io.mailserver.smtp.mailauth.RawMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our ARC sets (RFC 8617 §5.1), checked by our {@link ArcVerifier} and by dkimpy's arc_verify
 * ({@link Dkimpy}), which we did not write: a first set and one on top of a chain dkimpy sealed pass
 * both, with RSA and Ed25519 keys; a body changed after our seal fails both; a chain its last sealer
 * called broken, or one 50 sets long, gets no set.
 */
class ArcSealerTest {

    private static final String MESSAGE = "From: Alice <alice@example.org>\r\nTo: list@lists.example.net\r\n"
            + "Subject: through a forwarder\r\nDate: Thu, 03 Dec 2026 12:00:00 +0000\r\nMessage-ID: <arc-2@example.org>\r\n"
            + "\r\nHello,\r\n\r\nthis went through a list.\r\n";
    private static final String AUTHSERV = "mx.seal.example.com";
    private static final String RESULTS = "spf=pass smtp.mailfrom=example.org; dkim=pass header.d=example.org;"
            + " dmarc=pass header.from=example.org";

    private static final Map<DkimAlgorithm, KeyPair> OURS = new EnumMap<>(DkimAlgorithm.class);
    private static final List<Object> RECORDS = new ArrayList<>();
    private static Path listKey;
    private static Path forwarderKey;
    private static ArcVerifier verifier;
    private static KeyPair authorKeys;

    @BeforeAll
    static void keys() throws Exception {
        Dkimpy.assertInstalled();
        KeyPair list = DkimKeys.generate(DkimAlgorithm.RSA_SHA256);
        KeyPair forwarder = DkimKeys.generate(DkimAlgorithm.RSA_SHA256);
        authorKeys = DkimKeys.generate(DkimAlgorithm.RSA_SHA256);
        listKey = Dkimpy.file(Dkimpy.privateKey(DkimAlgorithm.RSA_SHA256, list));
        forwarderKey = Dkimpy.file(Dkimpy.privateKey(DkimAlgorithm.RSA_SHA256, forwarder));
        MapResolver resolver = new MapResolver();
        publish(resolver, "arc._domainkey.lists.example.net", DkimAlgorithm.RSA_SHA256, list);
        publish(resolver, "fwd._domainkey.forwarder.example.com", DkimAlgorithm.RSA_SHA256, forwarder);
        for (DkimAlgorithm algorithm : DkimAlgorithm.values()) {
            KeyPair keys = DkimKeys.generate(algorithm);
            OURS.put(algorithm, keys);
            publish(resolver, selector(algorithm) + "._domainkey.seal.example.com", algorithm, keys);
        }
        verifier = new ArcVerifier(resolver, Clock.systemUTC());
    }

    private static void publish(MapResolver resolver, String name, DkimAlgorithm algorithm, KeyPair keys) throws Exception {
        String record = DkimKeys.dnsRecord(algorithm, keys.getPublic());
        resolver.txt(name, record);
        RECORDS.addAll(List.of(name, Dkimpy.file(record.getBytes(StandardCharsets.US_ASCII))));
    }

    private static String selector(DkimAlgorithm algorithm) {
        return algorithm == DkimAlgorithm.RSA_SHA256 ? "rsa" : "ed";
    }

    private static DkimSigningKey key(DkimAlgorithm algorithm) {
        return new DkimSigningKey("seal.example.com", selector(algorithm), algorithm, OURS.get(algorithm).getPrivate());
    }

    /** {@code message} with our set on top, sealing what our verifier says of its chain, as the caller does. */
    private static Optional<String> sealed(String message, DkimAlgorithm algorithm) {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        RawMessage whole = RawMessage.parse(bytes);
        RawMessage header = RawMessage.parse(Arrays.copyOf(bytes, whole.bodyStart()));
        MessageBody body = MessageBody.of(bytes, whole.bodyStart());
        ArcResult chain = verifier.verify(header, body);
        return new ArcSealer(Clock.systemUTC()).seal(header, body, chain, AUTHSERV, RESULTS, key(algorithm))
                .map(set -> set + message);
    }

    private static ArcResult ours(String message) {
        return verifier.verify(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * dkimpy's "RESULT cv instances reason" line (then its log). dkimpy takes only rsa-sha256 in ARC, as
     * many receivers do; for Ed25519 it is asked to take ed25519-sha256 as its DKIM code does.
     */
    private static String dkimpys(String message) throws Exception {
        List<Object> args = new ArrayList<>();
        if (message.contains("a=ed25519-sha256")) {
            args.add("--ed25519");
        }
        args.add(Dkimpy.file(message.getBytes(StandardCharsets.ISO_8859_1)));
        args.addAll(RECORDS);
        Dkimpy.Run run = Dkimpy.python("dkimpy_arc_verify.py", args);
        assertThat(run.exit()).as(run.output()).isZero();
        return run.output().lines().filter(line -> line.startsWith("RESULT ")).findFirst().orElseThrow() + "\n" + run.output();
    }

    /** {@link #MESSAGE} sealed by dkimpy as a list would, then by a forwarder seeing arc={@code secondHop}, if given. */
    private static String dkimpySealed(String... secondHop) throws Exception {
        Path output = Dkimpy.file(new byte[0]);
        List<Object> args = new ArrayList<>(List.of(Dkimpy.file(MESSAGE.getBytes(StandardCharsets.US_ASCII)), output,
                "arc", "lists.example.net", listKey, "mx.lists.example.net",
                "spf=pass smtp.mailfrom=example.org; dmarc=pass header.from=example.org"));
        if (secondHop.length > 0) {
            args.addAll(List.of("fwd", "forwarder.example.com", forwarderKey, "mx.forwarder.example.com",
                    "spf=pass smtp.mailfrom=lists.example.net; arc=" + secondHop[0]));
        }
        Dkimpy.Run run = Dkimpy.python("dkimpy_arc_sign.py", args);
        assertThat(run.exit()).as(run.output()).isZero();
        return Files.readString(output, StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void aFirstSetPassesBothVerifiers(DkimAlgorithm algorithm) throws Exception {
        // an author's DKIM signature, which the message signature covers (RFC 8617 §4.1.2)
        DkimSigningKey author = new DkimSigningKey("example.org", "dkim", DkimAlgorithm.RSA_SHA256, authorKeys.getPrivate());
        byte[] original = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        String signed = new DkimSigner(Clock.systemUTC()).sign(author, original) + MESSAGE;
        String sealed = sealed(signed, algorithm).orElseThrow();

        assertThat(ours(sealed)).isEqualTo(new ArcResult(ArcResult.Kind.PASS, 1, "seal.example.com", "", Set.of("example.org")));
        assertThat(dkimpys(sealed)).startsWith("RESULT pass 1 success");

        String set = sealed.substring(0, sealed.length() - signed.length());
        assertThat(set).endsWith("\r\n").matches("[\\x20-\\x7e\\r\\n\\t]*");
        assertThat(set.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        List<String> fields = fields(set);
        assertThat(fields).hasSize(3);
        assertThat(fields.get(0)).startsWith("ARC-Seal: i=1; a=" + algorithm.tag() + "; cv=none; d=seal.example.com; s="
                + selector(algorithm) + "; t=").doesNotContain("h=");
        assertThat(fields.get(1)).startsWith("ARC-Message-Signature: i=1; a=" + algorithm.tag() + "; c=relaxed/relaxed;");
        String h = fields.get(1).replaceAll("\\s", "").replaceAll(".*;h=([^;]*);.*", "$1");
        assertThat(h).isEqualTo("from:subject:date:to:message-id:dkim-signature:from");
        assertThat(fields.get(2)).isEqualTo("ARC-Authentication-Results: i=1; " + AUTHSERV + "; " + RESULTS);
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void aSetOnTopOfDkimpysChainPassesBothVerifiers(DkimAlgorithm algorithm) throws Exception {
        String once = dkimpySealed();
        assertThat(ours(once).kind()).isEqualTo(ArcResult.Kind.PASS);
        String twice = sealed(once, algorithm).orElseThrow();
        assertThat(twice).startsWith("ARC-Seal: i=2; a=" + algorithm.tag() + "; cv=pass;");
        assertThat(ours(twice)).isEqualTo(new ArcResult(ArcResult.Kind.PASS, 2, "seal.example.com", "", Set.of("example.org")));
        assertThat(dkimpys(twice)).startsWith("RESULT pass 2 success");
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void aBodyChangedAfterOurSealFailsBothVerifiers(DkimAlgorithm algorithm) throws Exception {
        for (String message : List.of(MESSAGE, dkimpySealed())) {
            int instances = ours(message).instances() + 1;
            String sealed = sealed(message, algorithm).orElseThrow();
            String changed = sealed.replace("this went through", "this was changed after");
            assertThat(changed).isNotEqualTo(sealed);
            ArcResult result = ours(changed);
            assertThat(result.kind()).isEqualTo(ArcResult.Kind.FAIL);
            assertThat(result.reason()).endsWith(DkimResult.Fail.BODY_HASH_MISMATCH);
            assertThat(dkimpys(changed)).startsWith("RESULT fail");

            // the next hop finds it broken and says so, over its own set only (RFC 8617 §5.1.2)
            String resealed = sealed(changed, algorithm).orElseThrow();
            assertThat(resealed).startsWith("ARC-Seal: i=" + (instances + 1) + "; a=" + algorithm.tag() + "; cv=fail;");
            assertThat(ours(resealed).reason()).contains("cv=fail");
            assertThat(dkimpys(resealed)).startsWith("RESULT ended");
            // and after that nobody seals
            assertThat(sealed(resealed, algorithm)).isEmpty();
        }
    }

    @Test
    void dkimpyTakesOnlyRsaInArc() throws Exception {
        String sealed = sealed(MESSAGE, DkimAlgorithm.ED25519_SHA256).orElseThrow();
        Dkimpy.Run run = Dkimpy.python("dkimpy_arc_verify.py", List.of(Dkimpy.file(sealed.getBytes(StandardCharsets.US_ASCII))));
        assertThat(run.output()).contains("RESULT fail 0 unknown signature algorithm: b'ed25519-sha256'");
    }

    @Test
    void aChainItsLastSealerFoundBrokenGetsNoSet() throws Exception {
        String broken = dkimpySealed("fail");
        assertThat(broken).contains("cv=fail");
        assertThat(sealed(broken, DkimAlgorithm.RSA_SHA256)).isEmpty();
        assertThat(sealed(broken, DkimAlgorithm.ED25519_SHA256)).isEmpty();
    }

    @Test
    void fiftySetsAreTheLimit() {
        assertThat(sealed(fakeSets(50) + MESSAGE, DkimAlgorithm.ED25519_SHA256)).isEmpty();
        // 49 sets: too many for our verifier to check, so the 50th says fail
        assertThat(sealed(fakeSets(49) + MESSAGE, DkimAlgorithm.ED25519_SHA256)).hasValueSatisfying(
                sealed -> assertThat(sealed).startsWith("ARC-Seal: i=50; a=ed25519-sha256; cv=fail;"));
    }

    private static String fakeSets(int count) {
        StringBuilder sets = new StringBuilder();
        for (int i = count; i >= 1; i--) {
            sets.append("ARC-Seal: i=").append(i).append("; a=rsa-sha256; cv=").append(i == 1 ? "none" : "pass")
                    .append("; d=x.example; s=s; t=1; b=AAAA\r\n")
                    .append("ARC-Message-Signature: i=").append(i).append("; a=rsa-sha256; c=relaxed/relaxed; d=x.example;")
                    .append(" s=s; h=from; bh=AAAA; b=AAAA\r\n")
                    .append("ARC-Authentication-Results: i=").append(i).append("; x.example; none\r\n");
        }
        return sets.toString();
    }

    @Test
    void resultsAreFoldedAndCannotStartAnotherField() {
        ArcSealer sealer = new ArcSealer(Clock.systemUTC());
        byte[] bytes = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        RawMessage header = RawMessage.parse(bytes);
        MessageBody body = MessageBody.of(bytes, header.bodyStart());
        DkimSigningKey key = key(DkimAlgorithm.ED25519_SHA256);
        String longResults = "spf=pass smtp.mailfrom=a-rather-long-sender-domain.example.org;\r\n\tdkim=pass"
                + " header.d=a-rather-long-signing-domain.example.org header.s=selector2026 header.b=AbCdEfGh;"
                + " dmarc=pass (p=reject sp=reject dis=none) header.from=a-rather-long-sender-domain.example.org";
        String set = sealer.seal(header, body, ArcResult.NONE, AUTHSERV, longResults, key).orElseThrow();
        String aar = fields(set).get(2);
        assertThat(aar).isEqualTo("ARC-Authentication-Results: i=1; " + AUTHSERV + "; " + longResults.replace("\r\n", ""));
        assertThat(set.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        assertThat(sealer.seal(header, body, ArcResult.NONE, AUTHSERV, "  ", key).map(s -> fields(s).get(2)))
                .contains("ARC-Authentication-Results: i=1; " + AUTHSERV + "; none");

        assertThatThrownBy(() -> sealer.seal(header, body, ArcResult.NONE, AUTHSERV, "dmarc=pass\r\nBcc: x@example.net", key))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealer.seal(header, body, ArcResult.NONE, "mx example; spf=pass", "none", key))
                .isInstanceOf(IllegalArgumentException.class);
        // a verdict on another message: PASS for a header without a chain
        assertThatThrownBy(() -> sealer.seal(header, body, new ArcResult(ArcResult.Kind.PASS, 1, "x.example", "", Set.of()),
                AUTHSERV, "none", key)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The set's fields, each unfolded. */
    private static List<String> fields(String set) {
        return List.of(set.replace("\r\n ", " ").replace("\r\n\t", "\t").split("\r\n"));
    }
}
