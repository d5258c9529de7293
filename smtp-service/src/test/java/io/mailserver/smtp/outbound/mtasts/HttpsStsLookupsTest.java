package io.mailserver.smtp.outbound.mtasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailserver.localstack.pki.DeploymentCa;
import io.mailserver.smtp.MtaStsHosts;
import io.mailserver.smtp.mailauth.DnsAnswer;
import io.mailserver.smtp.outbound.tls.ServerCertificates;
import io.mailserver.testkit.dns.PowerDns;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The policy fetch against a real HTTPS server (Python's) and a real DNS server (PowerDNS): RFC 8461
 * §3.3's rules, each broken once by a misbehaving policy host.
 */
class HttpsStsLookupsTest {

    private static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx.good.test\r\nmax_age: 86400\r\n";

    private static PowerDns dns;
    private static MtaStsHosts hosts;
    private static Vertx vertx;
    private static HttpsStsLookups lookups;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("sts");
        DeploymentCa webPki = DeploymentCa.ensure(dir.resolve("web-pki"));
        DeploymentCa stranger = DeploymentCa.ensure(dir.resolve("stranger"));
        Map<String, String> policies = Map.of(
                "good.test", POLICY,
                "redirect.test", "#! status=301 location=https://mta-sts.good.test/.well-known/mta-sts.txt\n",
                "html.test", "#! type=text/html\n" + POLICY,
                "missing.test", "#! status=404\n",
                "huge.test", POLICY + "x: " + "y".repeat(StsPolicy.MAX_BYTES) + "\r\n",
                "slow.test", "#! drip=1\n" + POLICY,
                "fallback.test", POLICY);
        Map<String, MtaStsHosts.Host> served = new HashMap<>();
        policies.forEach((domain, policy) -> served.put("mta-sts." + domain,
                new MtaStsHosts.Host(webPki.ensureIdentity("mta-sts." + domain), policy)));
        served.put("mta-sts.untrusted.test", new MtaStsHosts.Host(stranger.ensureIdentity("mta-sts.untrusted.test"), POLICY));
        hosts = MtaStsHosts.start(dir.resolve("hosts"), served);
        dns = PowerDns.start(dir.resolve("pdns"));
        for (String host : served.keySet()) {
            String domain = host.substring("mta-sts.".length());
            // fallback.test: its IPv4 address refuses connections, its IPv6 one answers
            dns.addZone(domain, List.of(domain.equals("fallback.test") ? new PowerDns.Record(host + ".", "A", "127.0.0.9")
                            : new PowerDns.Record(host + ".", "A", "127.0.0.1"),
                    new PowerDns.Record(host + ".", "AAAA", "::1"),
                    new PowerDns.Record("_mta-sts." + domain + ".", "TXT", "\\\"v=STSv1; id=1\\\"")));
        }
        vertx = Vertx.vertx();
        lookups = new HttpsStsLookups(vertx, Optional.of(List.of("127.0.0.1:" + dns.dnsPort())), Duration.ofSeconds(5),
                hosts.port(), Duration.ofSeconds(5), ServerCertificates.trusting(List.of(webPki.certificate())));
    }

    @AfterAll
    static void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        if (hosts != null) {
            hosts.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    private static String fetch(String domain) {
        return lookups.policy(domain).await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void aWellServedPolicyIsRead() {
        assertThat(fetch("good.test")).isEqualTo(POLICY);
        assertThat(fetch("fallback.test")).as("from the second address").isEqualTo(POLICY);
        assertThat(lookups.records("good.test").await().atMost(Duration.ofSeconds(30)))
                .isEqualTo(new DnsAnswer.Records<>(List.of("v=STSv1; id=1")));
        assertThat(lookups.records("absent.good.test").await().atMost(Duration.ofSeconds(30))).isInstanceOf(DnsAnswer.None.class);
    }

    @Test
    void redirectsOtherTypesErrorsOversizeAndUntrustedCertificatesFail() {
        Map<String, String> reasons = Map.of("redirect.test", "answered 301", "html.test", "not text/plain",
                "missing.test", "answered 404", "huge.test", "larger than " + StsPolicy.MAX_BYTES,
                // one octet a second: the whole fetch has its time limit, not each read
                "slow.test", "did not answer within 5 s");
        reasons.forEach((domain, reason) -> assertThatThrownBy(() -> fetch(domain)).as(domain).hasMessageContaining(reason));
        // a certificate from an authority we do not trust; a policy host without an address
        for (String domain : List.of("untrusted.test", "nowhere.test")) {
            assertThatThrownBy(() -> fetch(domain)).as(domain).isInstanceOf(RuntimeException.class);
        }
    }
}
