package io.mailserver.smtp;

import io.mailserver.smtp.mailauth.dkim.DkimAlgorithm;
import io.mailserver.smtp.mailauth.dkim.DkimKeys;
import io.mailserver.testkit.dns.PowerDns;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The DNS of the senders in MailAuthenticationTest, served by a real PowerDNS: SPF, DKIM and DMARC
 * records of domains that pass, fail with a reject or a quarantine policy, or publish nothing. Mail
 * comes from 127.0.0.1, which {@code pass.test}'s SPF record allows and the others' do not. The DKIM
 * private key of {@code signed.test} (Ed25519, PKCS#8, base64) is {@code test.dkim.key}. {@code forwarder.test}
 * and {@code untrusted.test} publish one ARC sealing key (RSA, {@code test.arc.key}); only the first is trusted.
 */
public final class MailAuthenticationResource implements QuarkusTestResourceLifecycleManager {

    static final String SPF_PASSING_DOMAIN = "spfpass.test";
    /** An ARC sealer smtp-service trusts ({@code mail.smtp.mx.authentication.arc-trusted-sealers}); its RSA key is {@code test.arc.key}. */
    static final String TRUSTED_SEALER = "forwarder.test";

    private PowerDns dns;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("mailauth");
            dns = PowerDns.start(dir.resolve("pdns"));
            KeyPair key = DkimKeys.generate(DkimAlgorithm.ED25519_SHA256);
            dns.addZone("pass.test", List.of(
                    txt("pass.test.", "v=spf1 ip4:127.0.0.0/8 -all"),
                    txt("_dmarc.pass.test.", "v=DMARC1; p=reject")));
            dns.addZone("reject.test", List.of(
                    txt("reject.test.", "v=spf1 -all"),
                    txt("_dmarc.reject.test.", "v=DMARC1; p=reject")));
            dns.addZone("junk.test", List.of(
                    txt("junk.test.", "v=spf1 -all"),
                    txt("_dmarc.junk.test.", "v=DMARC1; p=quarantine")));
            dns.addZone("signed.test", List.of(
                    txt("signed.test.", "v=spf1 -all"),
                    txt("_dmarc.signed.test.", "v=DMARC1; p=reject; adkim=s"),
                    txt("sel._domainkey.signed.test.", DkimKeys.dnsRecord(DkimAlgorithm.ED25519_SHA256, key.getPublic()))));
            // a hosted domain of the tests (MailAuthenticationTest makes accounts there) whose SPF passes from loopback
            dns.addZone(SPF_PASSING_DOMAIN, List.of(txt(SPF_PASSING_DOMAIN + ".", "v=spf1 ip4:127.0.0.0/8 -all")));
            dns.addZone("nothing.test", List.of(new PowerDns.Record("nothing.test.", "A", "192.0.2.1")));
            // two ARC sealers with one key, only the first trusted
            KeyPair sealer = DkimKeys.generate(DkimAlgorithm.RSA_SHA256);
            for (String domain : List.of(TRUSTED_SEALER, "untrusted.test")) {
                dns.addZone(domain, List.of(txt("arc._domainkey." + domain + ".",
                        DkimKeys.dnsRecord(DkimAlgorithm.RSA_SHA256, sealer.getPublic()))));
            }
            return Map.of(
                    "mail.smtp.mx.authentication.enabled", "true",
                    "mail.smtp.dns.servers", "127.0.0.1:" + dns.dnsPort(),
                    "mail.smtp.mx.authentication.arc-trusted-sealers", TRUSTED_SEALER,
                    "test.dkim.key", Base64.getEncoder().encodeToString(DkimKeys.pkcs8(key.getPrivate())),
                    "test.arc.key", Base64.getEncoder().encodeToString(DkimKeys.pkcs8(sealer.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TXT record's content as PowerDNS takes it: one quoted character-string. */
    private static PowerDns.Record txt(String name, String text) {
        return new PowerDns.Record(name, "TXT", "\\\"" + text + "\\\"");
    }

    @Override
    public void stop() {
        if (dns != null) {
            dns.close();
        }
    }
}
