package io.mailserver.smtp;

import static io.mailserver.smtp.TestMail.ehlo;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.smtp.mailauth.dkim.DkimAlgorithm;
import io.mailserver.smtp.mailauth.dkim.DkimKeys;
import io.mailserver.smtp.mailauth.dkim.DkimSigner;
import io.mailserver.smtp.mailauth.dkim.DkimSigningKey;
import io.mailserver.smtp.mailauth.dkim.Dkimpy;
import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPF, DKIM and DMARC on the MX path against a real DNS server (PowerDNS): results in an
 * Authentication-Results field under our Received, a DMARC reject policy refused at the end of DATA, a
 * quarantine policy filed in Junk, a DKIM signature rescuing a message whose SPF fails, an ARC chain
 * from a trusted forwarder waiving a reject policy, and a sender's forged results renamed.
 */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(SmtpPortsResource.class)
@QuarkusTestResource(value = MailAuthenticationResource.class, restrictToAnnotatedClass = true)
class MailAuthenticationTest {

    private static TestMail mail;

    @ConfigProperty(name = "mail.smtp.mx.port")
    int mxPort;

    @ConfigProperty(name = "mail.hostname")
    String hostname;

    /** Optional: every test class is a bean of one application, and only this one has the key. */
    @ConfigProperty(name = "test.dkim.key")
    Optional<String> dkimKey;

    @ConfigProperty(name = "test.arc.key")
    Optional<String> arcKey;

    @BeforeAll
    static void accounts() {
        mail = new TestMail();
    }

    /** Sends {@code message} from {@code sender} to bob over the MX; answers the reply to the data. */
    private String send(String sender, String message) {
        try (LineClient c = LineClient.connect("127.0.0.1", mxPort)) {
            c.expect("220 ");
            ehlo(c, "client.sender.test");
            c.send("MAIL FROM:<" + sender + ">").expect("250 ");
            c.send("RCPT TO:<" + mail.bob + ">").expect("250 ");
            c.send("DATA").expect("354 ");
            c.sendRaw(message + ".\r\n");
            String reply = c.readLine();
            c.send("QUIT");
            return reply;
        }
    }

    @Test
    void aForgedSenderAskingForSuccessNoticesGetsNone() throws Exception {
        // someone outside claims to be alice (no SPF pass for her domain here) and asks for a
        // delivery notice: bob gets the message, alice no "delivered" report she never asked for
        String marker = "backscatter-" + UUID.randomUUID();
        try (LineClient c = LineClient.connect("127.0.0.1", mxPort)) {
            c.expect("220 ");
            ehlo(c, "client.sender.test");
            c.send("MAIL FROM:<" + mail.alice + "> RET=HDRS").expect("250 ");
            c.send("RCPT TO:<" + mail.bob + "> NOTIFY=SUCCESS").expect("250 ");
            c.send("DATA").expect("354 ");
            c.sendRaw(message(mail.alice, marker) + ".\r\n");
            c.expect("250 ");
            c.send("QUIT");
        }
        assertThat(stored("INBOX", marker)).contains("Authentication-Results: ").doesNotContain("spf=pass");
        // no wait needed: a notice would have been stored before the 250 (DataHandler sends it first)
        assertThat(mail.inboxTexts(mail.alice).stream().filter(m -> m.contains(marker))).isEmpty();
    }

    @Test
    void aSenderThatPassedSpfGetsTheSuccessNoticeItAskedFor() throws Exception {
        // the other side of the backscatter rule: the MAIL FROM domain's SPF passes for this client,
        // so the sender is who it says and the "delivered" report it asked for goes to it
        TestMail spfPassing = new TestMail(MailAuthenticationResource.SPF_PASSING_DOMAIN);
        String marker = "notice-" + UUID.randomUUID();
        try (LineClient c = LineClient.connect("127.0.0.1", mxPort)) {
            c.expect("220 ");
            ehlo(c, "client.sender.test");
            c.send("MAIL FROM:<" + spfPassing.alice + "> RET=HDRS ENVID=" + marker).expect("250 ");
            c.send("RCPT TO:<" + spfPassing.bob + "> NOTIFY=SUCCESS").expect("250 ");
            c.send("DATA").expect("354 ");
            c.sendRaw(message(spfPassing.alice, marker) + ".\r\n");
            c.expect("250 ");
            c.send("QUIT");
        }
        String notice = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> spfPassing.inboxTexts(spfPassing.alice).stream()
                        .filter(m -> m.contains("Original-Envelope-Id: " + marker)).findFirst().orElse(null), m -> m != null);
        assertThat(notice).contains("Final-Recipient: rfc822; " + spfPassing.bob + "\r\nAction: delivered\r\nStatus: 2.0.0");
    }

    private String stored(String mailbox, String marker) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> mail.mailboxTexts(mail.bob, mailbox).stream().filter(m -> m.contains(marker)).findFirst()
                        .orElse(null), m -> m != null);
    }

    /** The Authentication-Results field of a stored message, unfolded. */
    private String results(String stored) {
        int start = stored.indexOf("Authentication-Results: " + hostname + ";");
        assertThat(start).as("our results in " + stored).isNotNegative();
        int end = stored.indexOf("\r\n", start);
        while (stored.charAt(end + 2) == '\t' || stored.charAt(end + 2) == ' ') {
            end = stored.indexOf("\r\n", end + 2);
        }
        return stored.substring(start, end).replaceAll("\r\n[\t ]+", " ");
    }

    private static String message(String from, String marker) {
        return "From: Someone <" + from + ">\r\nTo: <bob@example>\r\nSubject: " + marker + "\r\nMessage-ID: <" + marker
                + "@test>\r\n\r\nbody of " + marker + "\r\n";
    }

    @Test
    void anAlignedSpfPassIsReportedAndDelivered() {
        String marker = "pass-" + UUID.randomUUID();
        assertThat(send("news@pass.test", message("news@pass.test", marker))).startsWith("250 2.0.0");
        String stored = stored("INBOX", marker);
        assertThat(results(stored)).isEqualTo("Authentication-Results: " + hostname
                + "; spf=pass smtp.mailfrom=news@pass.test; dkim=none; dmarc=pass header.from=pass.test");
        // under our Received field, as a milter's would be under Postfix's
        assertThat(stored.indexOf("Received: from client.sender.test")).isLessThan(stored.indexOf("Authentication-Results:"));
    }

    @Test
    void aRejectPolicyIsEnforcedAtTheEndOfData() {
        String marker = "reject-" + UUID.randomUUID();
        assertThat(send("news@reject.test", message("ceo@reject.test", marker)))
                .startsWith("550 5.7.1 ").contains("reject.test").contains("DMARC");
        assertThat(mail.inboxTexts(mail.bob).stream().filter(m -> m.contains(marker))).isEmpty();
    }

    @Test
    void aQuarantinePolicyFilesTheMessageAsJunk() {
        String marker = "junk-" + UUID.randomUUID();
        assertThat(send("news@junk.test", message("news@junk.test", marker))).startsWith("250 2.0.0");
        assertThat(results(stored("Junk", marker))).contains("spf=fail smtp.mailfrom=news@junk.test")
                .contains("dmarc=fail header.from=junk.test");
        assertThat(mail.inboxTexts(mail.bob).stream().filter(m -> m.contains(marker))).isEmpty();
    }

    @Test
    void twoAuthorsGoToJunkAndNoAuthorIsNoDmarcMatter() {
        // a second From is how a reader is shown one domain while DMARC would check another
        String marker = "two-authors-" + UUID.randomUUID();
        assertThat(send("news@pass.test", "From: <news@pass.test>\r\n" + message("ceo@reject.test", marker)))
                .startsWith("250 2.0.0");
        assertThat(results(stored("Junk", marker))).contains("dmarc=permerror");
        // no From at all names nobody: delivered, DMARC none
        String anonymous = "no-author-" + UUID.randomUUID();
        assertThat(send("news@reject.test", "Subject: " + anonymous + "\r\n\r\nwho wrote this\r\n")).startsWith("250 2.0.0");
        assertThat(results(stored("INBOX", anonymous))).contains("spf=fail").contains("dmarc=none");
    }

    @Test
    void anAlignedDkimSignaturePassesDmarcWhereSpfFails() throws Exception {
        String marker = "signed-" + UUID.randomUUID();
        DkimSigningKey key = new DkimSigningKey("signed.test", "sel", DkimAlgorithm.ED25519_SHA256,
                DkimKeys.privateKey(DkimAlgorithm.ED25519_SHA256, Base64.getDecoder().decode(dkimKey.orElseThrow())));
        String unsigned = message("alerts@signed.test", marker);
        String signed = new DkimSigner(Clock.systemUTC()).sign(key, unsigned.getBytes(StandardCharsets.UTF_8)) + unsigned;
        // relayed by a forwarder: SPF fails for the envelope, the signature still holds
        assertThat(send("bounces@signed.test", signed)).startsWith("250 2.0.0");
        String results = results(stored("INBOX", marker));
        assertThat(results).contains("spf=fail smtp.mailfrom=bounces@signed.test")
                .contains("dkim=pass header.d=signed.test header.s=sel header.b=")
                .contains("dmarc=pass header.from=signed.test");

        // the same message altered on the way: the signature fails, and with it DMARC's reject applies
        String altered = signed.replace("body of", "BODY OF");
        assertThat(send("bounces@signed.test", altered)).startsWith("550 5.7.1 ");
    }

    /**
     * A mailing list or forwarder that broke the author's DMARC (SPF for its own envelope, the author's
     * signature gone) but sealed the message with ARC as it received it (dkimpy, RFC 8617): from a
     * trusted sealer that found DMARC passing the reject policy is waived; from another, from the
     * trusted one when it found DMARC failing, or altered after sealing, it applies.
     */
    @Test
    void anArcChainFromATrustedSealerWaivesAFailedDmarcPolicy() throws Exception {
        Dkimpy.assertInstalled();
        byte[] pkcs8 = Base64.getDecoder().decode(arcKey.orElseThrow());
        Path key = Dkimpy.file(("-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n").getBytes(StandardCharsets.US_ASCII));
        String marker = "arc-" + UUID.randomUUID();
        String passed = "dmarc=pass header.from=reject.test";
        String trusted = arcSealed(message("ceo@reject.test", marker), key, MailAuthenticationResource.TRUSTED_SEALER, passed);
        assertThat(send("list-bounces@" + MailAuthenticationResource.TRUSTED_SEALER, trusted)).startsWith("250 2.0.0");
        assertThat(results(stored("INBOX", marker))).contains("arc=pass (i=1, sealed by forwarder.test)")
                .contains("dmarc=fail header.from=reject.test (policy not applied: ARC sealed by trusted forwarder.test)");

        String other = "arc-other-" + UUID.randomUUID();
        assertThat(send("list-bounces@untrusted.test", arcSealed(message("ceo@reject.test", other), key, "untrusted.test", passed)))
                .startsWith("550 5.7.1 ");
        // a trusted list seals what it received, spoofs too: only its own word that DMARC passed counts
        String spoof = "arc-spoof-" + UUID.randomUUID();
        assertThat(send("list-bounces@" + MailAuthenticationResource.TRUSTED_SEALER, arcSealed(message("ceo@reject.test", spoof), key,
                MailAuthenticationResource.TRUSTED_SEALER, "dmarc=fail header.from=reject.test"))).startsWith("550 5.7.1 ");
        String altered = "arc-altered-" + UUID.randomUUID();
        String sealed = arcSealed(message("ceo@reject.test", altered), key, MailAuthenticationResource.TRUSTED_SEALER, passed);
        assertThat(send("list-bounces@" + MailAuthenticationResource.TRUSTED_SEALER, sealed.replace("body of", "BODY OF")))
                .startsWith("550 5.7.1 ");
    }

    /** {@code message} as the list {@code sealer} passes it on, having found {@code results}: dkimpy adds its ARC set. */
    private static String arcSealed(String message, Path key, String sealer, String results) throws Exception {
        Path output = Dkimpy.file(new byte[0]);
        Dkimpy.Run run = Dkimpy.python("dkimpy_arc_sign.py", List.of(Dkimpy.file(message.getBytes(StandardCharsets.UTF_8)), output,
                "arc", sealer, key, "mx." + sealer, "spf=fail smtp.mailfrom=reject.test; " + results));
        assertThat(run.exit()).as(run.output()).isZero();
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    @Test
    void noPoliciesMeanNoneAndForgedResultsAreRenamed() {
        String marker = "forged-" + UUID.randomUUID();
        String forged = "Authentication-Results: " + hostname + "; spf=pass smtp.mailfrom=ceo@nothing.test;\r\n"
                + "\tdmarc=pass header.from=nothing.test\r\n" + message("ceo@nothing.test", marker);
        assertThat(send("ceo@nothing.test", forged)).startsWith("250 2.0.0");
        String stored = stored("INBOX", marker);
        assertThat(results(stored)).isEqualTo("Authentication-Results: " + hostname
                + "; spf=none smtp.mailfrom=ceo@nothing.test; dkim=none; dmarc=none header.from=nothing.test");
        assertThat(stored).contains("X-Forged-Authentication-Results: " + hostname + "; spf=pass")
                .containsOnlyOnce("\r\nAuthentication-Results: ");
        // the rest of the message is intact
        assertThat(stored).endsWith(message("ceo@nothing.test", marker));
    }
}
