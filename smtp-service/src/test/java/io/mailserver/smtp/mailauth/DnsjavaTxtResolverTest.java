package io.mailserver.smtp.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.smtp.mailauth.dmarc.DmarcChecker;
import io.mailserver.smtp.mailauth.dmarc.DmarcResult;
import io.mailserver.smtp.mailauth.spf.SpfChecker;
import io.mailserver.smtp.mailauth.spf.SpfOutcome;
import io.mailserver.smtp.mailauth.spf.SpfResult;
import io.mailserver.testkit.dns.PowerDns;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dnsjava adapter, and SPF and DMARC through it, against a real DNS server: PowerDNS from Debian. */
class DnsjavaTxtResolverTest {

    private static PowerDns dns;
    private static DnsjavaTxtResolver resolver;

    /** TXT content as PowerDNS takes it through its JSON API: quoted character-strings. */
    private static String txt(String... strings) {
        StringBuilder content = new StringBuilder();
        for (String string : strings) {
            content.append(content.isEmpty() ? "" : " ").append("\\\"").append(string).append("\\\"");
        }
        return content.toString();
    }

    @BeforeAll
    static void start() throws Exception {
        dns = PowerDns.start(Files.createTempDirectory("pdns"));
        dns.addZone("spf.test", List.of(
                // one record in three character-strings, joined without spaces (RFC 7208 §3.3)
                new PowerDns.Record("spf.test.", "TXT", txt("v=spf1 ip4:192.0.2.0/24 ", "a:mail.spf.test ", "-all")),
                new PowerDns.Record("spf.test.", "TXT", txt("site-verification=abc")),
                new PowerDns.Record("spf.test.", "MX", "10 mail.spf.test."),
                new PowerDns.Record("mail.spf.test.", "A", "198.51.100.7"),
                new PowerDns.Record("ptr.spf.test.", "TXT", txt("v=spf1 ptr:spf.test -all")),
                new PowerDns.Record("_dmarc.spf.test.", "TXT", txt("v=DMARC1; p=reject"))));
        dns.addZone("100.51.198.in-addr.arpa", List.of(
                new PowerDns.Record("7.100.51.198.in-addr.arpa.", "PTR", "mail.spf.test.")));
        resolver = new DnsjavaTxtResolver(List.of("127.0.0.1:" + dns.dnsPort()), Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void answersNoneAndJoinedCharacterStrings() {
        assertThat(resolver.txt("spf.test")).isInstanceOfSatisfying(DnsAnswer.Records.class, records -> assertThat(
                records.values()).containsExactlyInAnyOrder("v=spf1 ip4:192.0.2.0/24 a:mail.spf.test -all", "site-verification=abc"));
        assertThat(resolver.txt("missing.spf.test")).isEqualTo(new DnsAnswer.None<>());
        assertThat(resolver.addresses("mail.spf.test", false)).isEqualTo(
                new DnsAnswer.Records<>(List.of(InMemoryDns.address("198.51.100.7"))));
        assertThat(resolver.addresses("mail.spf.test", true)).isEqualTo(new DnsAnswer.None<>());
        assertThat(resolver.mx("spf.test")).isEqualTo(new DnsAnswer.Records<>(List.of("mail.spf.test")));
        assertThat(resolver.ptr(InMemoryDns.address("198.51.100.7"))).isEqualTo(new DnsAnswer.Records<>(List.of("mail.spf.test")));
        assertThat(resolver.txt("bad..name")).isEqualTo(new DnsAnswer.None<>());
    }

    @Test
    void spfEndToEnd() {
        SpfChecker spf = new SpfChecker(resolver);
        InetAddress listed = InMemoryDns.address("192.0.2.55");
        InetAddress mailHost = InMemoryDns.address("198.51.100.7");
        InetAddress stranger = InMemoryDns.address("203.0.113.1");
        assertThat(spf.check(listed, "client.example", "a@spf.test").result()).isEqualTo(SpfResult.PASS);
        assertThat(spf.check(mailHost, "client.example", "a@spf.test").result()).isEqualTo(SpfResult.PASS);
        assertThat(spf.check(stranger, "client.example", "a@spf.test").result()).isEqualTo(SpfResult.FAIL);
        assertThat(spf.check(mailHost, "client.example", "a@ptr.spf.test").result()).isEqualTo(SpfResult.PASS);
        assertThat(spf.check(stranger, "client.example", "a@nothing.spf.test").result()).isEqualTo(SpfResult.NONE);

        SpfOutcome pass = spf.check(mailHost, "client.example", "a@spf.test");
        assertThat(new DmarcChecker(resolver).check(List.of("A <a@spf.test>"), pass, List.of()).result())
                .isEqualTo(DmarcResult.PASS);
    }

    @Test
    void aServerThatDoesNotAnswerIsAFailureAndATemperror() {
        DnsjavaTxtResolver silent = new DnsjavaTxtResolver(List.of("127.0.0.1:9"), Duration.ofMillis(500));
        assertThat(silent.txt("spf.test")).isInstanceOf(DnsAnswer.Failure.class);
        assertThat(new SpfChecker(silent).check(InMemoryDns.address("192.0.2.55"), "client.example", "a@spf.test").result())
                .isEqualTo(SpfResult.TEMPERROR);
    }
}
