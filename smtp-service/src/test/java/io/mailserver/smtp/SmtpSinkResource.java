package io.mailserver.smtp;

import io.mailserver.localstack.pki.DeploymentCa;
import io.mailserver.localstack.pki.ServiceIdentity;
import io.mailserver.testkit.dns.PowerDns;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The world outside for outbound delivery: a remote mail server, aiosmtpd from Debian
 * ({@code smtp_sink.py}) on a free loopback port, routed to as the domain {@value #DOMAIN}; and a real
 * DNS server, PowerDNS, that smtp-service's MX lookups ask, with the zones {@code mx.test} (a first MX
 * that refuses connections, a second that is the sink), {@code nomx.test} (no MX: the implicit MX is
 * the sink) and {@code nullmx.test} (a null MX, RFC 7505). Tests read what the sink filed from
 * {@code test.sink.spool}.
 *
 * <p>MTA-STS (RFC 8461): a private "web PKI" stands in for the public one (smtp-service trusts only
 * it); Python's HTTPS server is the policy host of five domains whose MX hosts are the sink:
 * {@code sts.test} (enforce; the sink presents a certificate for {@code mx.sts.test} when asked for
 * that name), {@code wrongcert.test} (enforce; the sink's self-signed certificate), {@code unlisted.test}
 * (enforce, naming another MX host) and {@code testing.test} (testing; the self-signed certificate).
 * Under {@code mx.sts.test} the sink offers REQUIRETLS (RFC 8689); {@code norequiretls.test} is like
 * {@code sts.test} but without it.
 *
 * <p>DANE (RFC 7672): {@code dane.test} is a DNSSEC-signed zone (its DS is smtp-service's trust
 * anchor) whose MX host {@code mx.dane.test} publishes the TLSA record of the certificate the sink
 * presents for that name, and offers REQUIRETLS there; {@code wrongkey.dane.test}'s MX publishes a
 * record no certificate matches; {@code bogus.test} is signed with a key its trust anchor does not
 * match, so that every answer from it is bogus.
 */
public final class SmtpSinkResource implements QuarkusTestResourceLifecycleManager {

    public static final String DOMAIN = "remote.test";

    private SmtpSink sink;
    private PowerDns dns;
    private MtaStsHosts policyHosts;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("outside");
            DeploymentCa webPki = DeploymentCa.ensure(dir.resolve("web-pki"));
            ServiceIdentity daneHost = webPki.ensureIdentity("mx.dane.test");
            sink = SmtpSink.start(dir.resolve("sink"), Map.of(
                    "mx.sts.test", new SmtpSink.NamedHost(webPki.ensureIdentity("mx.sts.test"), true),
                    "mx.norequiretls.test", new SmtpSink.NamedHost(webPki.ensureIdentity("mx.norequiretls.test"), false),
                    "mx.dane.test", new SmtpSink.NamedHost(daneHost, true)));
            int port = sink.port();
            Map<String, MtaStsHosts.Host> policies = new HashMap<>();
            for (String[] domain : List.of(new String[] {"sts.test", "enforce", "mx.sts.test"},
                    new String[] {"wrongcert.test", "enforce", "mx.wrongcert.test"},
                    new String[] {"norequiretls.test", "enforce", "mx.norequiretls.test"},
                    new String[] {"unlisted.test", "enforce", "*.elsewhere.test"},
                    new String[] {"testing.test", "testing", "mx.testing.test"})) {
                policies.put("mta-sts." + domain[0], new MtaStsHosts.Host(webPki.ensureIdentity("mta-sts." + domain[0]),
                        "version: STSv1\r\nmode: " + domain[1] + "\r\nmx: " + domain[2] + "\r\nmax_age: 86400\r\n"));
            }
            policyHosts = MtaStsHosts.start(dir.resolve("mta-sts"), policies);
            dns = PowerDns.start(dir.resolve("pdns"));
            for (String domain : List.of("sts.test", "wrongcert.test", "norequiretls.test", "unlisted.test", "testing.test")) {
                dns.addZone(domain, List.of(
                        new PowerDns.Record(domain + ".", "MX", "10 mx." + domain + "."),
                        new PowerDns.Record("mx." + domain + ".", "A", "127.0.0.1"),
                        new PowerDns.Record("_mta-sts." + domain + ".", "TXT", "\\\"v=STSv1; id=20261203\\\""),
                        new PowerDns.Record("mta-sts." + domain + ".", "A", "127.0.0.1")));
            }
            dns.addZone("mx.test", List.of(
                    new PowerDns.Record("mx.test.", "MX", "10 down.mx.test."),
                    new PowerDns.Record("mx.test.", "MX", "20 up.mx.test."),
                    // nothing listens there: connection refused, the next MX is tried
                    new PowerDns.Record("down.mx.test.", "A", "127.0.0.3"),
                    new PowerDns.Record("up.mx.test.", "A", "127.0.0.1")));
            dns.addZone("nomx.test", List.of(new PowerDns.Record("nomx.test.", "A", "127.0.0.1")));
            dns.addZone("nullmx.test", List.of(new PowerDns.Record("nullmx.test.", "MX", "0 .")));
            String tlsa = "_" + port + "._tcp.";
            String daneAnchor = dns.addSignedZone("dane.test", List.of(
                    new PowerDns.Record("dane.test.", "MX", "10 mx.dane.test."),
                    new PowerDns.Record("mx.dane.test.", "A", "127.0.0.1"),
                    new PowerDns.Record(tlsa + "mx.dane.test.", "TLSA", "3 1 1 " + spkiSha256(daneHost)),
                    new PowerDns.Record("wrongkey.dane.test.", "MX", "10 mx.wrongkey.dane.test."),
                    new PowerDns.Record("mx.wrongkey.dane.test.", "A", "127.0.0.1"),
                    new PowerDns.Record(tlsa + "mx.wrongkey.dane.test.", "TLSA", "3 1 1 " + "00".repeat(32))));
            String bogusAnchor = dns.addSignedZone("bogus.test", List.of(
                    new PowerDns.Record("bogus.test.", "MX", "10 mx.bogus.test."),
                    new PowerDns.Record("mx.bogus.test.", "A", "127.0.0.1")));
            // an anchor bogus.test's key does not match: everything in it fails validation, as forged answers would
            bogusAnchor = bogusAnchor.substring(0, bogusAnchor.length() - 8) + (bogusAnchor.endsWith("00000000") ? "11111111" : "00000000");
            return Map.ofEntries(
                    Map.entry("mail.smtp.delivery.routes.\"" + DOMAIN + "\"", "127.0.0.1:" + port),
                    Map.entry("mail.smtp.delivery.mx-lookup", "true"),
                    // forwarded mail from other servers is checked, so its ARC set has results to record
                    Map.entry("mail.smtp.mx.authentication.enabled", "true"),
                    Map.entry("mail.smtp.dns.servers", "127.0.0.1:" + dns.dnsPort()),
                    Map.entry("mail.smtp.dns.trust-anchors", daneAnchor + "," + bogusAnchor),
                    Map.entry("mail.smtp.delivery.port", Integer.toString(port)),
                    Map.entry("mail.smtp.delivery.poll-interval", "500ms"),
                    Map.entry("mail.smtp.delivery.retry-base", "1s"),
                    Map.entry("mail.smtp.delivery.delay-warning-after", "3s"),
                    // one attempt per domain at once, which OutboundDeliveryTest checks at the sink
                    Map.entry("mail.smtp.delivery.per-domain-concurrency", "1"),
                    Map.entry("mail.smtp.delivery.session-idle", "10s"),
                    Map.entry("mail.smtp.delivery.tls.trusted-authorities", webPki.certificate().toString()),
                    Map.entry("mail.smtp.delivery.mta-sts.policy-port", Integer.toString(policyHosts.port())),
                    Map.entry("test.sink.spool", sink.spool().toString()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DANE-EE "3 1 1" data of a certificate: the SHA-256 of its SubjectPublicKeyInfo, in hex. */
    private static String spkiSha256(ServiceIdentity identity) throws Exception {
        try (InputStream in = Files.newInputStream(identity.certificate())) {
            Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
        }
    }

    @Override
    public void stop() {
        if (dns != null) {
            dns.close();
        }
        if (policyHosts != null) {
            policyHosts.close();
        }
        if (sink != null) {
            sink.close();
        }
    }
}
