package io.mailserver.smtp.mailauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TagListTest {

    @Test
    void tagsWithFoldingWhitespaceAndATrailingSemicolon() throws Exception {
        TagList tags = TagList.parse(" v = 1 ;\r\n\ta=rsa-sha256; b=abc\r\n def ;");
        assertThat(tags.get("v")).contains("1");
        assertThat(tags.get("a")).contains("rsa-sha256");
        assertThat(tags.get("b")).contains("abc\r\n def");
        assertThat(TagList.withoutFws(tags.get("b").orElseThrow())).isEqualTo("abcdef");
        assertThat(tags.get("c")).isEmpty();
        assertThat(TagList.parse("p=").get("p")).contains("");
    }

    @Test
    void hostileTagListsAreSyntaxErrorsNotCrashes() {
        List<String> hostile = List.of("", " ; ;", "a", "=x", "1a=x", "a b=c", "a=1; a=2", "a=\u0000", "a=x\u0007y",
                "é=1", "x".repeat(TagList.MAX_LENGTH + 1), "t=1;".repeat(TagList.MAX_TAGS + 1));
        for (String text : hostile) {
            assertThatThrownBy(() -> TagList.parse(text)).as(text.length() > 40 ? text.substring(0, 40) : text)
                    .isInstanceOf(DkimSyntaxException.class);
        }
        assertThatThrownBy(() -> TagList.parse(null)).isInstanceOf(DkimSyntaxException.class);
    }

    @Test
    void aManyTaggedButDistinctListWithinTheBoundParses() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < TagList.MAX_TAGS; i++) {
            text.append("t").append(i).append("=v;");
        }
        assertThat(TagList.parse(text.toString()).size()).isEqualTo(TagList.MAX_TAGS);
    }

    @Test
    void keyRecordsWithBadVersionsServicesOrHashesAreRefused() throws Exception {
        assertThat(DkimKeyRecord.parse("v=DKIM1; k=ed25519; t=y:s; p=AAAA").testing()).isTrue();
        assertThat(DkimKeyRecord.parse("p=").revoked()).isTrue();
        for (String bad : List.of("k=rsa; v=DKIM1; p=AAAA", "v=DKIM2; p=AAAA", "v=DKIM1; h=sha1; p=AAAA",
                "v=DKIM1; s=tlsrpt; p=AAAA", "v=DKIM1; k=rsa", "v=DKIM1; p=!!!")) {
            assertThatThrownBy(() -> DkimKeyRecord.parse(bad)).as(bad).isInstanceOf(DkimSyntaxException.class);
        }
    }

    @Test
    void randomAndMangledSignatureFieldsAlwaysGiveAResult() {
        DkimVerifier verifier = new DkimVerifier(new MapResolver().txt("s._domainkey.example.org", "v=DKIM1; p=AAAA"),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        String valid = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=s; t=1; h=from:to; "
                + "bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AAAAAAAAAAAA";
        Random random = new Random(6376);
        for (int round = 0; round < 3000; round++) {
            byte[] value;
            if (round % 2 == 0) {
                value = new byte[random.nextInt(200)];
                random.nextBytes(value);
            } else {
                value = valid.getBytes(StandardCharsets.ISO_8859_1);
                for (int flips = random.nextInt(4) + 1; flips > 0; flips--) {
                    value[random.nextInt(value.length)] = (byte) random.nextInt(256);
                }
            }
            byte[] message = TestMessages.prepend("DKIM-Signature: ", concat(value, TestMessages.crlf("\nFrom: a@example.org\n\nbody\n")));
            List<DkimResult> results = verifier.verify(message);
            assertThat(results).allSatisfy(r -> assertThat(r).isNotInstanceOf(DkimResult.Pass.class));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
