package io.mailserver.smtp.mailauth.dkim;

import io.mailserver.smtp.mailauth.RawMessage;

import static io.mailserver.smtp.mailauth.dkim.TestMessages.prepend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DkimSignVerifyTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String KEY_NAME = "sel._domainkey.example.org";
    private static final Map<DkimAlgorithm, KeyPair> KEYS = Map.of(
            DkimAlgorithm.RSA_SHA256, DkimKeys.generate(DkimAlgorithm.RSA_SHA256),
            DkimAlgorithm.ED25519_SHA256, DkimKeys.generate(DkimAlgorithm.ED25519_SHA256));

    private static DkimSigningKey signingKey(DkimAlgorithm algorithm) {
        return new DkimSigningKey("example.org", "sel", algorithm, KEYS.get(algorithm).getPrivate());
    }

    private static String record(DkimAlgorithm algorithm) {
        return DkimKeys.dnsRecord(algorithm, KEYS.get(algorithm).getPublic());
    }

    private static String sign(DkimAlgorithm algorithm, byte[] message) {
        return new DkimSigner(CLOCK).sign(signingKey(algorithm), message);
    }

    private static List<DkimResult> verify(String keyRecord, byte[] signed) {
        return new DkimVerifier(new MapResolver().txt(KEY_NAME, keyRecord), CLOCK).verify(signed);
    }

    private static DkimResult verifyOne(DkimAlgorithm algorithm, byte[] signed) {
        List<DkimResult> results = verify(record(algorithm), signed);
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    private static byte[] replace(byte[] message, String from, String to) {
        String text = TestMessages.text(message);
        assertThat(text).contains(from);
        return text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to))
                .getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void signedMessagesVerify(DkimAlgorithm algorithm) {
        for (byte[] message : TestMessages.INTEROP) {
            byte[] signed = prepend(sign(algorithm, message), message);
            DkimResult result = verifyOne(algorithm, signed);
            assertThat(result).as(TestMessages.text(signed)).isInstanceOf(DkimResult.Pass.class);
            assertThat(result.keyword()).isEqualTo("pass");
            assertThat(result.signature().domain()).isEqualTo("example.org");
            assertThat(result.signature().selector()).isEqualTo("sel");
            assertThat(result.signature().identity()).isEqualTo("@example.org");
            assertThat(result.signature().signaturePrefix()).hasSize(8);
        }
    }

    /** As InboundVerifier checks mail: the header section parsed alone, the body streamed in small blocks. */
    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void aHeaderSectionAndABodyInBlocksVerifyAsTheWholeMessage(DkimAlgorithm algorithm) {
        for (byte[] message : TestMessages.INTEROP) {
            byte[] signed = prepend(sign(algorithm, message), message);
            int bodyStart = RawMessage.parse(signed).bodyStart();
            RawMessage header = RawMessage.parse(java.util.Arrays.copyOf(signed, bodyStart));
            io.mailserver.smtp.mailauth.MessageBody blocks = out -> {
                for (int at = bodyStart; at < signed.length; at += 3) {
                    out.write(signed, at, Math.min(3, signed.length - at));
                }
            };
            List<DkimResult> results = new DkimVerifier(new MapResolver().txt(KEY_NAME, record(algorithm)), CLOCK).verify(header, blocks);
            assertThat(results).singleElement().as(TestMessages.text(signed)).isInstanceOf(DkimResult.Pass.class);
            byte[] changed = replace(signed, "\r\n\r\n", "\r\n\r\nX");
            int changedStart = RawMessage.parse(changed).bodyStart();
            assertThat(new DkimVerifier(new MapResolver().txt(KEY_NAME, record(algorithm)), CLOCK)
                    .verify(RawMessage.parse(java.util.Arrays.copyOf(changed, changedStart)),
                            io.mailserver.smtp.mailauth.MessageBody.of(changed, changedStart)))
                    .singleElement().isInstanceOf(DkimResult.Fail.class);
        }
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void theFieldIsFoldedWithTimestampOversignedFromAndRelaxedCanonicalization(DkimAlgorithm algorithm) throws Exception {
        String field = sign(algorithm, TestMessages.INTERNATIONAL);
        assertThat(field).startsWith("DKIM-Signature: v=1; a=" + algorithm.tag() + "; c=relaxed/relaxed;").endsWith("\r\n");
        for (String line : field.split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(78);
            assertThat(line).isNotBlank();
        }
        assertThat(field.chars().allMatch(c -> c < 128)).isTrue();
        TagList tags = TagList.parse(field.substring("DKIM-Signature:".length()));
        assertThat(tags.get("d")).contains("example.org");
        assertThat(tags.get("s")).contains("sel");
        assertThat(tags.get("t")).contains(Long.toString(NOW.getEpochSecond()));
        assertThat(TagList.withoutFws(tags.get("h").orElseThrow()))
                .isEqualTo("from:subject:date:to:message-id:mime-version:content-type:content-transfer-encoding:from");
        assertThat(tags.get("bh")).isPresent();
        assertThat(tags.get("l")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void relaxedSurvivesRefoldingAndHeaderCase(DkimAlgorithm algorithm) {
        byte[] signed = prepend(sign(algorithm, TestMessages.RFC), TestMessages.RFC);
        byte[] rewritten = replace(replace(signed, "Subject: Is dinner ready?", "SUBJECT:\tIs dinner\r\n   ready?  "),
                "Hi.\r\n", "Hi.   \r\n");
        assertThat(verifyOne(algorithm, rewritten)).isInstanceOf(DkimResult.Pass.class);
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void tamperingFails(DkimAlgorithm algorithm) {
        byte[] signed = prepend(sign(algorithm, TestMessages.INTERNATIONAL), TestMessages.INTERNATIONAL);
        DkimResult body = verifyOne(algorithm, replace(signed, "Ça va?", "Ca va?"));
        assertThat(body).isEqualTo(new DkimResult.Fail(body.signature(), DkimResult.Fail.BODY_HASH_MISMATCH));
        DkimResult subject = verifyOne(algorithm, replace(signed, "Grüße", "Grüsse"));
        assertThat(subject).isEqualTo(new DkimResult.Fail(subject.signature(), DkimResult.Fail.SIGNATURE_MISMATCH));
        assertThat(subject.keyword()).isEqualTo("fail");
        // From is oversigned: a second From added below (or above) the signature breaks it
        DkimResult addedFrom = verifyOne(algorithm, replace(signed, "To: Zoë", "From: evil@example.com\r\nTo: Zoë"));
        assertThat(addedFrom).isInstanceOf(DkimResult.Fail.class);
        // unsigned fields may come and go
        byte[] received = prepend("Received: from relay.example.net\r\n", signed);
        assertThat(verifyOne(algorithm, received)).isInstanceOf(DkimResult.Pass.class);
    }

    @Test
    void keyProblemsArePermOrTempErrors() {
        byte[] signed = prepend(sign(DkimAlgorithm.RSA_SHA256, TestMessages.RFC), TestMessages.RFC);
        assertThat(reason(verify("v=DKIM1; k=rsa; p=", signed))).isEqualTo("key revoked");
        assertThat(reason(new DkimVerifier(new MapResolver(), CLOCK).verify(signed))).startsWith("no key record");
        List<DkimResult> temp = new DkimVerifier(new MapResolver().failing(KEY_NAME), CLOCK).verify(signed);
        assertThat(temp.get(0)).isInstanceOf(DkimResult.TempError.class);
        assertThat(temp.get(0).keyword()).isEqualTo("temperror");
        assertThat(reason(verify(record(DkimAlgorithm.ED25519_SHA256), signed))).contains("key type ed25519");
        assertThat(reason(verify("v=DKIM1; p=AAAA", signed))).isEqualTo("unusable public key");
        assertThat(reason(verify("v=DKIM1; k=rsa; p=" + rsaKeyOf(512), signed))).contains("shorter than 1024");
        assertThat(reason(verify("v=spf1 -all", signed))).isNotEmpty();
        assertThat(verify("v=DKIM1; k=rsa; p=" + rsaKeyOf(1024), signed).get(0)).isInstanceOf(DkimResult.Fail.class);
    }

    @Test
    void aBarePkcs1RsaKeyIsAcceptedAsOtherVerifiersDo() {
        byte[] signed = prepend(sign(DkimAlgorithm.RSA_SHA256, TestMessages.RFC), TestMessages.RFC);
        byte[] spki = KEYS.get(DkimAlgorithm.RSA_SHA256).getPublic().getEncoded();
        byte[] pkcs1 = java.util.Arrays.copyOfRange(spki, 24, spki.length); // after the 2048-bit key's SPKI header
        String record = "v=DKIM1; k=rsa; p=" + java.util.Base64.getEncoder().encodeToString(pkcs1);
        assertThat(verify(record, signed).get(0)).isInstanceOf(DkimResult.Pass.class);
    }

    @Test
    void aFailingSignatureUnderATestingKeyIsNeutral() {
        byte[] signed = prepend(sign(DkimAlgorithm.ED25519_SHA256, TestMessages.RFC), TestMessages.RFC);
        String testing = record(DkimAlgorithm.ED25519_SHA256) + "; t=y";
        assertThat(verify(testing, signed).get(0)).isInstanceOf(DkimResult.Pass.class);
        DkimResult tampered = verify(testing, replace(signed, "Joe.", "Jim.")).get(0);
        assertThat(tampered).isInstanceOf(DkimResult.Neutral.class);
        assertThat(tampered.keyword()).isEqualTo("neutral");
    }

    @Test
    void signatureRulesArePermErrors() {
        DkimAlgorithm ed = DkimAlgorithm.ED25519_SHA256;
        String field = sign(ed, TestMessages.RFC);
        Map<String, String[]> broken = Map.of(
                "h= does not sign From", new String[] {"h=from:subject:date:to:message-id:from;", "h=subject:date:to:message-id;"},
                "x= is not after t=", new String[] {"v=1;", "v=1; x=" + NOW.minus(Duration.ofHours(1)).getEpochSecond() + ";"},
                "i= domain is not within d=", new String[] {"v=1;", "v=1; i=joe@example.net;"},
                "unsupported algorithm a=rsa-sha1", new String[] {"a=ed25519-sha256", "a=rsa-sha1"},
                "unsupported version v=2", new String[] {"v=1;", "v=2;"},
                "missing required tag bh=", new String[] {"bh=", "xh="},
                "no supported query method in q=", new String[] {"v=1;", "v=1; q=http;"},
                "l= is longer than the body", new String[] {"v=1;", "v=1; l=9999;"});
        broken.forEach((reason, edit) -> {
            assertThat(field).contains(edit[0]);
            byte[] message = prepend(field.replace(edit[0], edit[1]), TestMessages.RFC);
            List<DkimResult> results = verify(record(ed), message);
            assertThat(reason(results)).as(edit[1]).isEqualTo(reason);
            assertThat(results.get(0).keyword()).isEqualTo("permerror");
        });
        byte[] expiring = prepend(field.replace("v=1;", "v=1; x=" + NOW.plus(Duration.ofHours(1)).getEpochSecond() + ";"), TestMessages.RFC);
        DkimVerifier later = new DkimVerifier(new MapResolver().txt(KEY_NAME, record(ed)), Clock.offset(CLOCK, Duration.ofHours(2)));
        assertThat(reason(later.verify(expiring))).isEqualTo("signature expired");
        DkimResult subdomain = verify(record(ed), prepend(field.replace("v=1;", "v=1; i=joe@mail.example.org;"), TestMessages.RFC)).get(0);
        assertThat(subdomain).isInstanceOf(DkimResult.Fail.class); // allowed, but i= was not signed as added
        String strict = record(ed) + "; t=s";
        assertThat(reason(verify(strict, prepend(field.replace("v=1;", "v=1; i=joe@mail.example.org;"), TestMessages.RFC))))
                .isEqualTo("key requires i= domain to equal d=");
    }

    @Test
    void atMostFiveSignaturesAreEvaluated() {
        byte[] signed = TestMessages.RFC;
        for (int i = 0; i < 7; i++) {
            signed = prepend(sign(DkimAlgorithm.ED25519_SHA256, signed), signed);
        }
        List<DkimResult> results = verify(record(DkimAlgorithm.ED25519_SHA256), signed);
        assertThat(results).hasSize(DkimVerifier.MAX_SIGNATURES).allMatch(r -> r instanceof DkimResult.Pass);
        assertThat(new DkimVerifier(new MapResolver(), CLOCK).verify(TestMessages.RFC)).isEmpty();
    }

    @Test
    void signingKeysAreCheckedUpFront() {
        assertThatThrownBy(() -> new DkimSigningKey("example.org", "sel", DkimAlgorithm.ED25519_SHA256,
                KEYS.get(DkimAlgorithm.RSA_SHA256).getPrivate())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DkimSigningKey("exa mple.org", "sel", DkimAlgorithm.RSA_SHA256,
                KEYS.get(DkimAlgorithm.RSA_SHA256).getPrivate())).isInstanceOf(IllegalArgumentException.class);
    }

    private static String reason(List<DkimResult> results) {
        assertThat(results).hasSize(1);
        assertThat(results.get(0)).isInstanceOf(DkimResult.PermError.class);
        return ((DkimResult.PermError) results.get(0)).reason();
    }

    private static String rsaKeyOf(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return java.util.Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void keysRoundTripThroughPkcs8AndTheDnsRecord() throws Exception {
        for (DkimAlgorithm algorithm : DkimAlgorithm.values()) {
            KeyPair pair = KEYS.get(algorithm);
            byte[] stored = DkimKeys.pkcs8(pair.getPrivate());
            assertThat(DkimKeys.privateKey(algorithm, stored).getEncoded()).isEqualTo(stored);
            String record = DkimKeys.dnsRecord(algorithm, pair.getPublic());
            assertThat(record).startsWith("v=DKIM1; k=" + algorithm.keyType() + "; p=");
            byte[] p = java.util.Base64.getDecoder().decode(record.substring(record.indexOf("p=") + 2));
            if (algorithm == DkimAlgorithm.ED25519_SHA256) {
                assertThat(p).hasSize(32); // RFC 8463: the bare key, not SubjectPublicKeyInfo
            } else {
                assertThat(p).isEqualTo(pair.getPublic().getEncoded());
            }
            assertThat(DkimKeys.publicKey(algorithm, p).getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        }
    }
}
