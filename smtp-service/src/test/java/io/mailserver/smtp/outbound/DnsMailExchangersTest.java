package io.mailserver.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.smtp.dns.DnsServers;
import io.mailserver.smtp.outbound.dane.Tlsa;
import io.mailserver.smtp.outbound.dane.TlsaLookup;
import io.mailserver.testkit.dns.PowerDns;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MX resolution (RFC 5321 §5.1, RFC 7505) against a real DNS server: PowerDNS from Debian. */
class DnsMailExchangersTest {

    private static PowerDns dns;
    private static DnsMailExchangers exchangers;
    /** Validating from the trust anchor of signed.test, as DANE has it. */
    private static DnsMailExchangers validating;
    private static String anchor;

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
                new PowerDns.Record("dangling.example.test.", "MX", "10 nowhere.example.test."),
                // an MX host that is an alias (RFC 2181 frowns on it; it happens), and one whose aliases loop
                new PowerDns.Record("aliased.example.test.", "MX", "10 mail.aliased.example.test."),
                new PowerDns.Record("mail.aliased.example.test.", "CNAME", "primary.example.test."),
                new PowerDns.Record("looping.example.test.", "MX", "10 loop1.example.test."),
                new PowerDns.Record("loop1.example.test.", "CNAME", "loop2.example.test."),
                new PowerDns.Record("loop2.example.test.", "CNAME", "loop1.example.test.")));
        anchor = dns.addSignedZone("signed.test", List.of(
                new PowerDns.Record("signed.test.", "MX", "10 mx.signed.test."),
                new PowerDns.Record("mx.signed.test.", "A", "192.0.2.40"),
                new PowerDns.Record("_25._tcp.mx.signed.test.", "TLSA", "3 1 1 " + "ab".repeat(32)),
                new PowerDns.Record("_25._tcp.mx.signed.test.", "TLSA", "0 0 1 " + "cd".repeat(32)),
                new PowerDns.Record("implicit.signed.test.", "A", "192.0.2.41"),
                new PowerDns.Record("other.signed.test.", "MX", "10 primary.example.test.")));
        exchangers = new DnsMailExchangers(Optional.of(List.of("127.0.0.1:" + dns.dnsPort())), Duration.ofSeconds(5));
        validating = validating(anchor);
    }

    private static DnsMailExchangers validating(String... trustAnchors) {
        return new DnsMailExchangers(Optional.of(List.of("127.0.0.1:" + dns.dnsPort())), Duration.ofSeconds(5),
                Optional.of(List.of(trustAnchors)));
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

    @Test
    void dnssecProvedAddressesAreSecureAndOnlyTheirTlsaRecordsCount() {
        assertThat(validating.lookup("signed.test").await().atMost(Duration.ofSeconds(30))).isEqualTo(new MailExchangers.Lookup.Addresses(
                List.of(new MailExchangers.Lookup.Exchange("mx.signed.test", "192.0.2.40", true))));
        // no MX, proved so by NSEC: the implicit MX is as secure as its address
        assertThat(validating.lookup("implicit.signed.test").await().atMost(Duration.ofSeconds(30))).isEqualTo(
                new MailExchangers.Lookup.Addresses(List.of(new MailExchangers.Lookup.Exchange("implicit.signed.test", "192.0.2.41", true))));
        // a signed MX naming a host in an unsigned zone: its address proves nothing (RFC 7672 §2.2.2)
        assertThat(validating.lookup("other.signed.test").await().atMost(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(MailExchangers.Lookup.Addresses.class, a -> assertThat(a.exchanges())
                        .extracting(MailExchangers.Lookup.Exchange::secure).containsOnly(false));
        // an unsigned zone through the validating resolver works as before, insecure
        assertThat(validating.lookup("example.test").await().atMost(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(MailExchangers.Lookup.Addresses.class, a -> assertThat(a.exchanges()).hasSize(3)
                        .extracting(MailExchangers.Lookup.Exchange::secure).containsOnly(false));
        // without validation nothing is ever secure
        assertThat(lookup("signed.test")).isEqualTo(new MailExchangers.Lookup.Addresses(
                List.of(new MailExchangers.Lookup.Exchange("mx.signed.test", "192.0.2.40", false))));

        assertThat(validating.tlsa("mx.signed.test", 25).await().atMost(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(TlsaLookup.Found.class, found -> {
                    assertThat(found.records()).hasSize(2);
                    assertThat(found.usable()).containsExactly(new Tlsa(3, 1, 1, HexFormat.of().parseHex("ab".repeat(32))));
                });
        // securely denied, and none on another port
        assertThat(validating.tlsa("implicit.signed.test", 25).await().atMost(Duration.ofSeconds(30))).isEqualTo(new TlsaLookup.None());
        assertThat(validating.tlsa("mx.signed.test", 587).await().atMost(Duration.ofSeconds(30))).isEqualTo(new TlsaLookup.None());
        // records DNSSEC did not prove do not count
        assertThat(exchangers.tlsa("mx.signed.test", 25).await().atMost(Duration.ofSeconds(30))).isEqualTo(new TlsaLookup.None());
    }

    @Test
    void dataThatDoesNotValidateIsNeverUsedNorMistakenForInsecure() {
        // an anchor the zone's key does not match: everything under it is bogus
        String wrong = anchor.substring(0, anchor.length() - 4) + (anchor.endsWith("0000") ? "1111" : "0000");
        DnsMailExchangers misled = validating(wrong);
        assertThat(misled.lookup("signed.test").await().atMost(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(MailExchangers.Lookup.Temporary.class,
                        t -> assertThat(t.diagnostic()).startsWith("451 4.4.3").contains("SERVFAIL"));
        assertThat(misled.tlsa("mx.signed.test", 25).await().atMost(Duration.ofSeconds(30)))
                .isInstanceOf(TlsaLookup.Failed.class);
        // the unsigned zone is outside the anchor and unaffected
        assertThat(misled.lookup("example.test").await().atMost(Duration.ofSeconds(30)))
                .isInstanceOf(MailExchangers.Lookup.Addresses.class);
    }

    /**
     * The root's keys against a server that cannot prove anything from them (here an authoritative
     * server for other zones; in the field a resolver that strips DNSSEC): the probe notices, and
     * lookups go on unvalidated rather than holding all mail, unsigned domains' too.
     */
    @Test
    void whenNothingValidatesFromTheAnchorsLookupsGoOnUnvalidated() {
        DnsMailExchangers rootAnchored = validating(DnsServers.ROOT_ANCHORS.toArray(String[]::new));
        assertThat(rootAnchored.lookup("example.test").await().atMost(Duration.ofSeconds(30)))
                .as("validating from the root, nothing here can be proved").isInstanceOf(MailExchangers.Lookup.Temporary.class);
        // one failed probe is not enough: an answer lost on the way must not switch DANE off
        assertThat(rootAnchored.probe().await().atMost(Duration.ofSeconds(30))).isTrue();
        assertThat(rootAnchored.probe().await().atMost(Duration.ofSeconds(30))).isTrue();
        assertThat(rootAnchored.probe().await().atMost(Duration.ofSeconds(30))).isFalse();
        assertThat(rootAnchored.lookup("example.test").await().atMost(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(MailExchangers.Lookup.Addresses.class, a -> assertThat(a.exchanges()).hasSize(3));
        assertThat(rootAnchored.lookup("signed.test").await().atMost(Duration.ofSeconds(30))).isEqualTo(new MailExchangers.Lookup.Addresses(
                List.of(new MailExchangers.Lookup.Exchange("mx.signed.test", "192.0.2.40", false))));

        // one anchor that validates is enough: the wrong one stays bogus, as forged answers would be
        String wrong = anchor.substring(0, anchor.length() - 4) + (anchor.endsWith("0000") ? "1111" : "0000");
        assertThat(validating(anchor).probe().await().atMost(Duration.ofSeconds(30))).isTrue();
        DnsMailExchangers misled = validating(wrong);
        for (int i = 1; i < DnsMailExchangers.FAILED_PROBES; i++) {
            misled.probe().await().atMost(Duration.ofSeconds(30));
        }
        assertThat(misled.probe().await().atMost(Duration.ofSeconds(30))).isFalse();
    }

    @Test
    void aliasesAreFollowedAndALoopIsATemporaryFailure() {
        assertThat(lookup("aliased.example.test")).isEqualTo(new MailExchangers.Lookup.Addresses(List.of(
                new MailExchangers.Lookup.Exchange("mail.aliased.example.test", "192.0.2.10"),
                new MailExchangers.Lookup.Exchange("mail.aliased.example.test", "2001:db8:0:0:0:0:0:10"))));
        // never mistaken for a host without addresses, which would bounce
        assertThat(lookup("looping.example.test")).isInstanceOf(MailExchangers.Lookup.Temporary.class);
    }
}
