package io.mailserver.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.dns.PowerDns;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MX resolution (RFC 5321 §5.1, RFC 7505) against a real DNS server: PowerDNS from Debian. */
class DnsMailExchangersTest {

    private static PowerDns dns;
    private static DnsMailExchangers exchangers;

    @BeforeAll
    static void start() throws Exception {
        dns = PowerDns.start(Files.createTempDirectory("pdns"));
        dns.addZone("example.test", List.of(
                new PowerDns.Record("example.test.", "MX", "20 backup.example.test."),
                new PowerDns.Record("example.test.", "MX", "10 primary.example.test."),
                new PowerDns.Record("primary.example.test.", "A", "192.0.2.10"),
                new PowerDns.Record("primary.example.test.", "AAAA", "2001:db8::10"),
                new PowerDns.Record("backup.example.test.", "A", "192.0.2.20"),
                new PowerDns.Record("implicit.example.test.", "A", "192.0.2.30"),
                new PowerDns.Record("nullmx.example.test.", "MX", "0 ."),
                new PowerDns.Record("dangling.example.test.", "MX", "10 nowhere.example.test.")));
        exchangers = new DnsMailExchangers(Optional.of(List.of("127.0.0.1:" + dns.dnsPort())), Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    private static MailExchangers.Lookup lookup(String domain) {
        return exchangers.lookup(domain).await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void mxHostsInPreferenceOrderIpv4First() {
        assertThat(lookup("example.test")).isEqualTo(new MailExchangers.Lookup.Addresses(List.of(
                new MailExchangers.Lookup.Exchange("primary.example.test", "192.0.2.10"),
                new MailExchangers.Lookup.Exchange("primary.example.test", "2001:db8:0:0:0:0:0:10"),
                new MailExchangers.Lookup.Exchange("backup.example.test", "192.0.2.20"))));
    }

    @Test
    void withoutMxTheDomainItselfIsTheHost() {
        assertThat(lookup("implicit.example.test")).isEqualTo(new MailExchangers.Lookup.Addresses(
                List.of(new MailExchangers.Lookup.Exchange("implicit.example.test", "192.0.2.30"))));
    }

    @Test
    void nullMxMissingDomainsAndHostsWithoutAddressesNeverTakeMail() {
        assertThat(lookup("nullmx.example.test")).isInstanceOfSatisfying(MailExchangers.Lookup.Permanent.class,
                p -> assertThat(p.diagnostic()).startsWith("556 5.1.10"));
        assertThat(lookup("gone.example.test")).isInstanceOfSatisfying(MailExchangers.Lookup.Permanent.class,
                p -> assertThat(p.diagnostic()).startsWith("550 5.1.2"));
        assertThat(lookup("dangling.example.test")).isInstanceOfSatisfying(MailExchangers.Lookup.Permanent.class,
                p -> assertThat(p.diagnostic()).startsWith("550 5.1.2"));
    }

    @Test
    void aServerThatDoesNotAnswerIsATemporaryFailure() {
        DnsMailExchangers silent = new DnsMailExchangers(Optional.of(List.of("127.0.0.1:9")), Duration.ofSeconds(1));
        assertThat(silent.lookup("example.test").await().atMost(Duration.ofSeconds(30)))
                .isInstanceOf(MailExchangers.Lookup.Temporary.class);
    }
}
