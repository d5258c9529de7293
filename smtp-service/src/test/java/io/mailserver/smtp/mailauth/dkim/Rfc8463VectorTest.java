package io.mailserver.smtp.mailauth.dkim;

import io.mailserver.smtp.mailauth.HeaderField;
import io.mailserver.smtp.mailauth.RawMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 8463 Appendix A: a message signed by someone else's implementation, with its published keys. Both
 * the message and the keys were checked to verify with dkimpy too, so a transcription slip would show.
 */
class Rfc8463VectorTest {

    private static final String ED25519_SIGNATURE = """
            DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;
             d=football.example.com; i=@football.example.com;
             q=dns/txt; s=brisbane; t=1528637909; h=from : to :
             subject : date : message-id : from : subject : date;
             bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;
             b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus
             Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==
            """;

    private static final String RSA_SIGNATURE = """
            DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;
             d=football.example.com; i=@football.example.com;
             q=dns/txt; s=test; t=1528637909; h=from : to : subject :
             date : message-id : from : subject : date;
             bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;
             b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3
             DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz
             dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=
            """;

    private static final byte[] SIGNED = TestMessages.prepend(
            (ED25519_SIGNATURE + RSA_SIGNATURE).replace("\n", "\r\n"), TestMessages.RFC);

    /** RFC 8032 §7.1 test 1's secret key, which RFC 8463 A.2 uses. */
    private static final String ED25519_SEED = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";

    private static final MapResolver DNS = new MapResolver()
            .txt("brisbane._domainkey.football.example.com", "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")
            .txt("test._domainkey.football.example.com", "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWR"
                    + "iGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutAC"
                    + "DfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3"
                    + "Ip3G+2kryOTIKT+l/K4w3QIDAQAB");

    @Test
    void bothPublishedSignaturesVerify() {
        List<DkimResult> results = new DkimVerifier(DNS, Clock.fixed(Instant.parse("2018-06-10T13:38:29Z"), ZoneOffset.UTC))
                .verify(SIGNED);
        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOf(DkimResult.Pass.class));
        assertThat(results.get(0).signature())
                .isEqualTo(new DkimResult.Signature("football.example.com", "brisbane", "@football.example.com", "/gCrinpc"));
        assertThat(results.get(1).signature().selector()).isEqualTo("test");
    }

    @Test
    void theEd25519SignatureFailsOnAnAlteredMessage() {
        byte[] altered = TestMessages.text(SIGNED).replace("Is dinner ready?", "Is lunch ready?")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<DkimResult> results = new DkimVerifier(DNS, Clock.systemUTC()).verify(altered);
        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(DkimResult.Fail.class));
    }

    /**
     * Ed25519 is deterministic, so signing the RFC's own header hash input with the RFC's private key must
     * reproduce its b= exactly: this pins down that we sign the SHA-256 of the data, not the data.
     */
    @Test
    void ourEd25519SigningReproducesThePublishedSignature() throws Exception {
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420");
        byte[] seed = Base64.getDecoder().decode(ED25519_SEED);
        byte[] encoded = new byte[pkcs8.length + seed.length];
        System.arraycopy(pkcs8, 0, encoded, 0, pkcs8.length);
        System.arraycopy(seed, 0, encoded, pkcs8.length, seed.length);
        var privateKey = DkimKeys.privateKey(DkimAlgorithm.ED25519_SHA256, encoded);

        RawMessage message = RawMessage.parse(SIGNED);
        HeaderField field = message.headers().get(0);
        DkimSignature signature = DkimSignature.parse(
                TagList.parse(new String(field.value(), java.nio.charset.StandardCharsets.ISO_8859_1)), Instant.EPOCH);
        byte[] data = HeaderHashInput.of(message, signature.signedHeaders(), Canonicalization.RELAXED,
                HeaderHashInput.withoutSignatureValue(field));
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(privateKey);
        signer.update(BodyHash.sha256().digest(data));
        assertThat(Base64.getEncoder().encodeToString(signer.sign())).isEqualTo(signature.encodedSignature());
    }
}
