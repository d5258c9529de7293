package io.mailserver.smtp.mailauth.spf;

import static io.mailserver.smtp.mailauth.InMemoryDns.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.smtp.mailauth.InMemoryDns;
import org.junit.jupiter.api.Test;

/** check_host() against the zone and records of RFC 7208 Appendix A, plus the limits of §4.6.4. */
class SpfCheckerTest {

    /** The Appendix A zone: example.com and example.org, forward and reverse. */
    private static InMemoryDns appendixA() {
        return new InMemoryDns()
                .mx("example.com", "mail-a.example.com.", "mail-b.example.com.")
                .a("example.com", "192.0.2.10", "192.0.2.11")
                .a("amy.example.com", "192.0.2.65")
                .a("bob.example.com", "192.0.2.66")
                .a("mail-a.example.com", "192.0.2.129")
                .a("mail-b.example.com", "192.0.2.130")
                .mx("example.org", "mail-c.example.org.")
                .a("mail-c.example.org", "192.0.2.140")
                .ptr("192.0.2.10", "example.com.")
                .ptr("192.0.2.11", "example.com.")
                .ptr("192.0.2.65", "amy.example.com.")
                .ptr("192.0.2.66", "bob.example.com.")
                .ptr("192.0.2.129", "mail-a.example.com.")
                .ptr("192.0.2.130", "mail-b.example.com.")
                .ptr("192.0.2.140", "mail-c.example.org.")
                .ptr("10.0.0.4", "bob.example.com.");
    }

    private static SpfResult check(InMemoryDns dns, String ip, String mailFrom) {
        return new SpfChecker(dns).check(address(ip), "client.example.net", mailFrom).result();
    }

    private static SpfResult exampleCom(String record, String ip) {
        return check(appendixA().txt("example.com", record), ip, "user@example.com");
    }

    @Test
    void a1AllAndA() {
        assertThat(exampleCom("v=spf1 +all", "203.0.113.7")).isEqualTo(SpfResult.PASS);
        assertThat(exampleCom("v=spf1 a -all", "192.0.2.10")).isEqualTo(SpfResult.PASS);
        assertThat(exampleCom("v=spf1 a -all", "192.0.2.11")).isEqualTo(SpfResult.PASS);
        assertThat(exampleCom("v=spf1 a -all", "192.0.2.65")).isEqualTo(SpfResult.FAIL);
        assertThat(exampleCom("v=spf1 a:example.org -all", "192.0.2.10")).isEqualTo(SpfResult.FAIL);
        assertThat(exampleCom("v=spf1 a:example.org -all", "192.0.2.140")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void a1Mx() {
        assertThat(exampleCom("v=spf1 mx -all", "192.0.2.129")).isEqualTo(SpfResult.PASS);
        assertThat(exampleCom("v=spf1 mx -all", "192.0.2.130")).isEqualTo(SpfResult.PASS);
        assertThat(exampleCom("v=spf1 mx -all", "192.0.2.10")).isEqualTo(SpfResult.FAIL);
        assertThat(exampleCom("v=spf1 mx:example.org -all", "192.0.2.140")).isEqualTo(SpfResult.PASS);
        assertThat(exampleCom("v=spf1 mx:example.org -all", "192.0.2.129")).isEqualTo(SpfResult.FAIL);
        for (String ip : new String[] {"192.0.2.129", "192.0.2.130", "192.0.2.140"}) {
            assertThat(exampleCom("v=spf1 mx mx:example.org -all", ip)).as(ip).isEqualTo(SpfResult.PASS);
        }
        for (String ip : new String[] {"192.0.2.128", "192.0.2.131", "192.0.2.141", "192.0.2.143"}) {
            assertThat(exampleCom("v=spf1 mx/30 mx:example.org/30 -all", ip)).as(ip).isEqualTo(SpfResult.PASS);
        }
        assertThat(exampleCom("v=spf1 mx/30 mx:example.org/30 -all", "192.0.2.132")).isEqualTo(SpfResult.FAIL);
        assertThat(exampleCom("v=spf1 mx/30 mx:example.org/30 -all", "192.0.2.144")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void a1PtrAndIp4() {
        assertThat(exampleCom("v=spf1 ptr -all", "192.0.2.65")).isEqualTo(SpfResult.PASS);
        assertThat(exampleCom("v=spf1 ptr -all", "192.0.2.140")).isEqualTo(SpfResult.FAIL);
        // bob.example.com's forward address is 192.0.2.66: the PTR of 10.0.0.4 does not validate
        assertThat(exampleCom("v=spf1 ptr -all", "10.0.0.4")).isEqualTo(SpfResult.FAIL);
        assertThat(exampleCom("v=spf1 ip4:192.0.2.128/28 -all", "192.0.2.65")).isEqualTo(SpfResult.FAIL);
        assertThat(exampleCom("v=spf1 ip4:192.0.2.128/28 -all", "192.0.2.129")).isEqualTo(SpfResult.PASS);
    }

    @Test
    void a2MultipleDomainsThroughIncludeAndRedirect() {
        InMemoryDns dns = appendixA()
                .txt("example.com", "v=spf1 mx -all")
                .txt("example.net", "v=spf1 ip4:198.51.100.0/24 -all")
                .txt("example.org", "v=spf1 include:example.com include:example.net -all")
                .txt("la.example.org", "v=spf1 redirect=example.org");
        assertThat(check(dns, "192.0.2.129", "user@example.org")).isEqualTo(SpfResult.PASS);
        assertThat(check(dns, "198.51.100.7", "user@example.org")).isEqualTo(SpfResult.PASS);
        assertThat(check(dns, "203.0.113.1", "user@example.org")).isEqualTo(SpfResult.FAIL);
        assertThat(check(dns, "192.0.2.130", "user@la.example.org")).isEqualTo(SpfResult.PASS);
        assertThat(check(dns, "203.0.113.1", "user@la.example.org")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void a3DnsblStyleWithMacros() {
        InMemoryDns dns = appendixA()
                .txt("example.com", "v=spf1 mx include:mobile-users._spf.%{d} include:remote-users._spf.%{d} -all")
                .txt("mobile-users._spf.example.com", "v=spf1 exists:%{l1r+}.%{d}")
                .txt("remote-users._spf.example.com", "v=spf1 exists:%{ir}.%{l1r+}.%{d}")
                .a("mary.mobile-users._spf.example.com", "127.0.0.2")
                .a("fred.mobile-users._spf.example.com", "127.0.0.2")
                .a("15.15.168.192.joel.remote-users._spf.example.com", "127.0.0.2")
                .a("16.15.168.192.joel.remote-users._spf.example.com", "127.0.0.2");
        assertThat(check(dns, "203.0.113.9", "mary@example.com")).isEqualTo(SpfResult.PASS);
        assertThat(check(dns, "203.0.113.9", "fred+bulk@example.com")).isEqualTo(SpfResult.PASS);
        assertThat(check(dns, "192.168.15.15", "joel@example.com")).isEqualTo(SpfResult.PASS);
        assertThat(check(dns, "192.168.15.16", "joel@example.com")).isEqualTo(SpfResult.PASS);
        assertThat(check(dns, "192.168.15.17", "joel@example.com")).isEqualTo(SpfResult.FAIL);
        assertThat(check(dns, "192.0.2.129", "bob@example.com")).isEqualTo(SpfResult.PASS);
        assertThat(check(dns, "203.0.113.9", "bob@example.com")).isEqualTo(SpfResult.FAIL);
        assertThat(dns.queries).contains("A 9.113.0.203.bob.remote-users._spf.example.com");
    }

    @Test
    void a4MultipleRequirements() {
        // with the RFC erratum 5227 fix: "-ptr:example.com", as %{d} in ptr._spf.example.com is that name
        InMemoryDns dns = appendixA()
                .txt("example.com", "v=spf1 -include:ip4._spf.%{d} -include:ptr._spf.%{d} +all")
                .txt("ip4._spf.example.com", "v=spf1 -ip4:192.0.2.0/24 +all")
                .txt("ptr._spf.example.com", "v=spf1 -ptr:example.com +all");
        assertThat(check(dns, "192.0.2.65", "user@example.com")).isEqualTo(SpfResult.PASS);
        assertThat(check(dns, "192.0.2.140", "user@example.com")).isEqualTo(SpfResult.FAIL);
        assertThat(check(dns, "10.0.0.4", "user@example.com")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void qualifiersAndDefaultNeutral() {
        assertThat(exampleCom("v=spf1 ~all", "192.0.2.1")).isEqualTo(SpfResult.SOFTFAIL);
        assertThat(exampleCom("v=spf1 ?all", "192.0.2.1")).isEqualTo(SpfResult.NEUTRAL);
        assertThat(exampleCom("v=spf1 -all", "192.0.2.1")).isEqualTo(SpfResult.FAIL);
        assertThat(exampleCom("v=spf1 ip4:192.0.2.1", "192.0.2.2")).isEqualTo(SpfResult.NEUTRAL);
        assertThat(exampleCom("V=SPF1 IP4:192.0.2.1 -ALL", "192.0.2.1")).isEqualTo(SpfResult.PASS);
    }

    @Test
    void ip6AndDualCidrLengths() {
        InMemoryDns dns = new InMemoryDns().a("example.com", "192.0.2.10", "2001:db8::1")
                .txt("example.com", "v=spf1 a/24//64 ip6:2001:db8:1::/48 -all");
        assertThat(check(dns, "192.0.2.200", "u@example.com")).isEqualTo(SpfResult.PASS);
        assertThat(check(dns, "2001:db8::ffff:1", "u@example.com")).isEqualTo(SpfResult.PASS);
        assertThat(check(dns, "2001:db8:1:2::3", "u@example.com")).isEqualTo(SpfResult.PASS);
        assertThat(check(dns, "2001:db8:2::1", "u@example.com")).isEqualTo(SpfResult.FAIL);
        assertThat(check(dns, "192.0.3.1", "u@example.com")).isEqualTo(SpfResult.FAIL);
        // exists always asks for A records, even for an IPv6 client
        InMemoryDns exists = new InMemoryDns().a("ok.example.com", "127.0.0.2").txt("example.com", "v=spf1 exists:ok.%{d} -all");
        assertThat(check(exists, "2001:db8::1", "u@example.com")).isEqualTo(SpfResult.PASS);
    }

    @Test
    void recordSelection() {
        assertThat(check(new InMemoryDns(), "192.0.2.1", "u@example.com")).isEqualTo(SpfResult.NONE);
        assertThat(check(new InMemoryDns().txt("example.com", "google-site-verification=x", "v=spf10 -all"), "192.0.2.1",
                "u@example.com")).isEqualTo(SpfResult.NONE);
        assertThat(check(new InMemoryDns().txt("example.com", "v=spf1 -all", "v=spf1 +all"), "192.0.2.1", "u@example.com"))
                .isEqualTo(SpfResult.PERMERROR);
        assertThat(check(new InMemoryDns().failing("example.com"), "192.0.2.1", "u@example.com")).isEqualTo(SpfResult.TEMPERROR);
        assertThat(check(new InMemoryDns(), "192.0.2.1", "u@[192.0.2.1]")).isEqualTo(SpfResult.NONE);
        assertThat(check(new InMemoryDns(), "192.0.2.1", "u@localhost")).isEqualTo(SpfResult.NONE);
    }

    @Test
    void theNullReversePathChecksTheHeloName() {
        InMemoryDns dns = new InMemoryDns().txt("mx.example.org", "v=spf1 ip4:192.0.2.1 -all");
        SpfOutcome outcome = new SpfChecker(dns).check(address("192.0.2.1"), "mx.example.org", "<>");
        assertThat(outcome.result()).isEqualTo(SpfResult.PASS);
        assertThat(outcome.identity()).isEqualTo(SpfOutcome.Identity.HELO);
        assertThat(outcome.authResultsProperty()).isEqualTo("smtp.helo");
        assertThat(outcome.authResultsValue()).isEqualTo("mx.example.org");
        assertThat(outcome.domain()).isEqualTo("mx.example.org");

        SpfOutcome mailFrom = new SpfChecker(dns.txt("Example.COM", "v=spf1 -all")).check(address("192.0.2.1"), "mx.example.org",
                "<Bounce@Example.COM>");
        assertThat(mailFrom.result()).isEqualTo(SpfResult.FAIL);
        assertThat(mailFrom.authResultsProperty()).isEqualTo("smtp.mailfrom");
        assertThat(mailFrom.authResultsValue()).isEqualTo("Bounce@Example.COM");
        assertThat(mailFrom.domain()).isEqualTo("example.com");
    }

    @Test
    void redirect() {
        InMemoryDns dns = new InMemoryDns().txt("example.com", "v=spf1 redirect=_spf.example.com")
                .txt("_spf.example.com", "v=spf1 ip4:192.0.2.0/24 -all")
                .txt("nowhere.example.com", "v=spf1 redirect=missing.example.com")
                .txt("ignored.example.com", "v=spf1 ?all redirect=_spf.example.com");
        assertThat(check(dns, "192.0.2.5", "u@example.com")).isEqualTo(SpfResult.PASS);
        assertThat(check(dns, "198.51.100.5", "u@example.com")).isEqualTo(SpfResult.FAIL);
        assertThat(check(dns, "192.0.2.5", "u@nowhere.example.com")).isEqualTo(SpfResult.PERMERROR);
        assertThat(check(dns, "198.51.100.5", "u@ignored.example.com")).isEqualTo(SpfResult.NEUTRAL);
    }

    @Test
    void includeOfADomainWithoutRecordIsAPermerrorAndErrorsPropagate() {
        InMemoryDns dns = new InMemoryDns().txt("example.com", "v=spf1 include:none.example.net -all")
                .txt("temp.example.com", "v=spf1 include:down.example.net -all").failing("down.example.net")
                .txt("broken.example.com", "v=spf1 include:bad.example.net -all").txt("bad.example.net", "v=spf1 foo");
        assertThat(check(dns, "192.0.2.5", "u@example.com")).isEqualTo(SpfResult.PERMERROR);
        assertThat(check(dns, "192.0.2.5", "u@temp.example.com")).isEqualTo(SpfResult.TEMPERROR);
        assertThat(check(dns, "192.0.2.5", "u@broken.example.com")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void atMostTenDnsQueryingTerms() {
        InMemoryDns dns = new InMemoryDns();
        StringBuilder ten = new StringBuilder("v=spf1");
        for (int i = 1; i <= 11; i++) {
            dns.a("h" + i + ".example.com", "198.51.100." + i);
            if (i <= 10) {
                ten.append(" a:h").append(i).append(".example.com");
            }
        }
        dns.txt("ten.example.com", ten + " -all").txt("eleven.example.com", ten + " a:h11.example.com -all");
        assertThat(check(dns, "192.0.2.1", "u@ten.example.com")).isEqualTo(SpfResult.FAIL);
        assertThat(check(dns, "192.0.2.1", "u@eleven.example.com")).isEqualTo(SpfResult.PERMERROR);
        // terms after the match are never counted
        assertThat(check(dns, "198.51.100.1", "u@eleven.example.com")).isEqualTo(SpfResult.PASS);
        // a loop ends at the limit too
        assertThat(check(new InMemoryDns().txt("loop.example.com", "v=spf1 include:loop.example.com -all"), "192.0.2.1",
                "u@loop.example.com")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void atMostTwoVoidLookups() {
        InMemoryDns dns = new InMemoryDns()
                .txt("two.example.com", "v=spf1 a:n1.example.com exists:n2.example.com -all")
                .txt("three.example.com", "v=spf1 a:n1.example.com mx:n2.example.com exists:n3.example.com -all");
        assertThat(check(dns, "192.0.2.1", "u@two.example.com")).isEqualTo(SpfResult.FAIL);
        assertThat(check(dns, "192.0.2.1", "u@three.example.com")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void atMostTenMxHosts() {
        InMemoryDns dns = new InMemoryDns().txt("example.com", "v=spf1 mx -all");
        for (int i = 1; i <= 11; i++) {
            dns.mx("example.com", "mx" + i + ".example.com").a("mx" + i + ".example.com", "198.51.100." + i);
        }
        assertThat(check(dns, "198.51.100.1", "u@example.com")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void mxHostLookupFailureIsATemperror() {
        InMemoryDns dns = new InMemoryDns().txt("example.com", "v=spf1 mx -all").mx("example.com", "mx.example.com")
                .failing("mx.example.com");
        assertThat(check(dns, "198.51.100.1", "u@example.com")).isEqualTo(SpfResult.TEMPERROR);
    }

    @Test
    void hostileRecordsAreBoundedPermerrors() {
        String[] garbage = {
            "v=spf1 foo", "v=spf1 ip4:999.0.0.1", "v=spf1 ip4:1.2.3.4/33", "v=spf1 ip4:1.2.3.4/024", "v=spf1 a:%{z}",
            "v=spf1 include:", "v=spf1 include", "v=spf1 exists:%{d0}.x", "v=spf1 redirect=a.com redirect=b.com",
            "v=spf1 exp=a.com exp=b.com", "v=spf1 a:com", "v=spf1 mx:foo.1", "v=spf1 ip6:::1/129", "v=spf1 ip6:example.com",
            "v=spf1 a//129", "v=spf1 -all unknown=%", "v=spf1 ~all exp=", "v=spf1 +all foo", "v=spf1 all:x", "v=spf1 \u0000",
            "v=spf1 ip4:1.2.3.4 ÿ", "v=spf1 -redirect=example.net", "v=spf1 a:%{i", "v=spf1 ptr:", "v=spf1 mx/",
        };
        for (String record : garbage) {
            assertThat(exampleCom(record, "192.0.2.10")).as(record).isEqualTo(SpfResult.PERMERROR);
        }
        StringBuilder huge = new StringBuilder("v=spf1");
        for (int i = 0; i < 20_000; i++) {
            huge.append(" ip4:10.").append(i / 256 % 256).append('.').append(i % 256).append(".0/24");
        }
        assertThat(exampleCom(huge + " -all", "192.0.2.10")).isEqualTo(SpfResult.FAIL);
        assertThat(exampleCom(huge + " +all", "10.1.2.3")).isEqualTo(SpfResult.PASS);
        // an expansion longer than a DNS name loses labels on the left rather than failing
        String longLocal = "x".repeat(60) + ".y".repeat(100);
        InMemoryDns dns = new InMemoryDns().txt("example.com", "v=spf1 exists:%{l}.%{d} -all");
        assertThat(check(dns, "192.0.2.1", longLocal + "@example.com")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void unknownModifiersAreIgnored() {
        assertThat(exampleCom("v=spf1 foo=bar.%{d} moo.cow=x ip4:192.0.2.10 -all exp=explain.%{d}", "192.0.2.10"))
                .isEqualTo(SpfResult.PASS);
    }

    @Test
    void thePMacroIsAValidatedReverseNameAndPtrFailuresDoNotMatch() {
        InMemoryDns dns = appendixA().txt("example.com", "v=spf1 exists:%{p}.allow.example.net -all")
                .a("amy.example.com.allow.example.net", "127.0.0.2");
        assertThat(check(dns, "192.0.2.65", "u@example.com")).isEqualTo(SpfResult.PASS);
        // 10.0.0.4's PTR name does not lead back to it: p is "unknown"
        assertThat(check(dns, "10.0.0.4", "u@example.com")).isEqualTo(SpfResult.FAIL);
        assertThat(dns.queries).contains("A unknown.allow.example.net");

        InMemoryDns down = new InMemoryDns().txt("example.com", "v=spf1 ptr ?all").failing("192.0.2.65");
        assertThat(check(down, "192.0.2.65", "u@example.com")).isEqualTo(SpfResult.NEUTRAL);
    }
}
