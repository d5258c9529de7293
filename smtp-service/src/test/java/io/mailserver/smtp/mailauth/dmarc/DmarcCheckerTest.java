package io.mailserver.smtp.mailauth.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.smtp.mailauth.InMemoryDns;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** RFC 7489 policy discovery, alignment and policy selection, with np from RFC 9091. */
class DmarcCheckerTest {

    /** A pct sample that always draws {@code value} out of 0..99. */
    private static RandomGenerator drawing(int value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return value;
            }

            @Override
            public int nextInt(int bound) {
                return value;
            }
        };
    }

    private static DmarcOutcome check(InMemoryDns dns, String from, Optional<String> spf, String... dkim) {
        return check(dns, 0, from, spf, dkim);
    }

    private static DmarcOutcome check(InMemoryDns dns, int draw, String from, Optional<String> spf, String... dkim) {
        return new DmarcChecker(dns, OrganizationalDomain.bundled(), drawing(draw))
                .check(List.of(from), spf, List.of(dkim).stream().map(DkimPass::new).toList());
    }

    @Test
    void relaxedAlignmentIsTheOrganizationalDomain() {
        InMemoryDns dns = new InMemoryDns().txt("_dmarc.example.com", "v=DMARC1; p=reject");
        String from = "Alice <alice@example.com>";
        assertThat(check(dns, from, Optional.of("bounces.example.com"))).extracting(DmarcOutcome::result, DmarcOutcome::disposition)
                .containsExactly(DmarcResult.PASS, Policy.NONE);
        assertThat(check(dns, from, Optional.empty(), "mail.example.com").result()).isEqualTo(DmarcResult.PASS);
        assertThat(check(dns, from, Optional.empty(), "example.net", "EXAMPLE.COM").result()).isEqualTo(DmarcResult.PASS);

        DmarcOutcome unaligned = check(dns, from, Optional.of("example.net"), "example.co.uk");
        assertThat(unaligned.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(unaligned.policy()).isEqualTo(Policy.REJECT);
        assertThat(unaligned.disposition()).isEqualTo(Policy.REJECT);
        assertThat(unaligned.headerFrom()).isEqualTo("example.com");
        assertThat(unaligned.policyDomain()).isEqualTo("example.com");
    }

    @Test
    void strictAlignmentIsTheExactDomain() {
        InMemoryDns dns = new InMemoryDns().txt("_dmarc.example.com", "v=DMARC1; p=quarantine; adkim=s; aspf=s");
        String from = "alice@example.com";
        assertThat(check(dns, from, Optional.of("bounces.example.com"), "mail.example.com").result()).isEqualTo(DmarcResult.FAIL);
        assertThat(check(dns, from, Optional.of("example.com")).result()).isEqualTo(DmarcResult.PASS);
        assertThat(check(dns, from, Optional.empty(), "example.com").result()).isEqualTo(DmarcResult.PASS);
        // different registrations under one public suffix never align
        InMemoryDns uk = new InMemoryDns().txt("_dmarc.example.co.uk", "v=DMARC1; p=reject");
        assertThat(check(uk, "a@example.co.uk", Optional.of("other.co.uk")).result()).isEqualTo(DmarcResult.FAIL);
    }

    @Test
    void discoveryFallsBackToTheOrganizationalDomainWhereSpApplies() {
        InMemoryDns dns = new InMemoryDns()
                .txt("_dmarc.example.com", "v=DMARC1; p=reject; sp=quarantine")
                .txt("_dmarc.own.example.com", "v=DMARC1; p=none")
                .a("news.example.com", "192.0.2.1");
        DmarcOutcome inherited = check(dns, "n@news.example.com", Optional.empty());
        assertThat(inherited.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(inherited.policy()).isEqualTo(Policy.QUARANTINE);
        assertThat(inherited.policyDomain()).isEqualTo("example.com");
        assertThat(dns.queries).containsSubsequence("TXT _dmarc.news.example.com", "TXT _dmarc.example.com");

        DmarcOutcome own = check(dns, "n@own.example.com", Optional.empty());
        assertThat(own.policy()).isEqualTo(Policy.NONE);
        assertThat(own.policyDomain()).isEqualTo("own.example.com");

        assertThat(check(dns, "a@example.com", Optional.empty()).policy()).isEqualTo(Policy.REJECT);
        assertThat(check(new InMemoryDns(), "a@news.example.org", Optional.empty()).result()).isEqualTo(DmarcResult.NONE);
    }

    @Test
    void npAppliesToSubdomainsThatDoNotExist() {
        InMemoryDns dns = new InMemoryDns()
                .txt("_dmarc.example.com", "v=DMARC1; p=quarantine; sp=none; np=reject")
                .a("real.example.com", "192.0.2.1")
                .mx("mail.example.com", "mx.example.com");
        assertThat(check(dns, "a@ghost.example.com", Optional.empty()).policy()).isEqualTo(Policy.REJECT);
        assertThat(check(dns, "a@real.example.com", Optional.empty()).policy()).isEqualTo(Policy.NONE);
        assertThat(check(dns, "a@mail.example.com", Optional.empty()).policy()).isEqualTo(Policy.NONE);
        // without np, sp (and without sp, p) covers non-existent subdomains too
        InMemoryDns plain = new InMemoryDns().txt("_dmarc.example.com", "v=DMARC1; p=quarantine");
        assertThat(check(plain, "a@ghost.example.com", Optional.empty()).policy()).isEqualTo(Policy.QUARANTINE);
    }

    @Test
    void pctSamplesTheFailuresThePolicyAppliesTo() {
        InMemoryDns dns = new InMemoryDns().txt("_dmarc.example.com", "v=DMARC1; p=reject; pct=20")
                .txt("_dmarc.example.org", "v=DMARC1; p=quarantine; pct=0");
        assertThat(check(dns, 19, "a@example.com", Optional.empty()).disposition()).isEqualTo(Policy.REJECT);
        DmarcOutcome sampledOut = check(dns, 20, "a@example.com", Optional.empty());
        assertThat(sampledOut.policy()).isEqualTo(Policy.REJECT);
        assertThat(sampledOut.disposition()).isEqualTo(Policy.QUARANTINE);
        assertThat(check(dns, 0, "a@example.org", Optional.empty()).disposition()).isEqualTo(Policy.NONE);
    }

    @Test
    void recordSelectionAndBadSyntax() {
        InMemoryDns dns = new InMemoryDns()
                .txt("_dmarc.two.example", "v=DMARC1; p=reject", "v=DMARC1; p=none")
                .txt("_dmarc.bogus.example", "v=DMARC1; p=bogus")
                .txt("_dmarc.bare.example", "v=DMARC1")
                .txt("_dmarc.rua.example", "v=DMARC1; p=bogus; rua=mailto:dmarc@rua.example")
                .txt("_dmarc.defaults.example", "v=DMARC1;p=reject;pct=abc;adkim=x;aspf=;junk;=;rua=nonsense")
                .txt("_dmarc.other.example", "v=DMARC2; p=reject", "p=reject; v=DMARC1", "spf2.0/pra")
                .txt("_dmarc.spaced.example", "v = DMARC1 ;  p = Reject ; sp = none");
        assertThat(check(dns, "a@two.example", Optional.empty()).result()).isEqualTo(DmarcResult.NONE);
        assertThat(check(dns, "a@bogus.example", Optional.empty()).result()).isEqualTo(DmarcResult.PERMERROR);
        assertThat(check(dns, "a@bare.example", Optional.empty()).result()).isEqualTo(DmarcResult.PERMERROR);
        DmarcOutcome rua = check(dns, "a@rua.example", Optional.empty());
        assertThat(rua.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(rua.policy()).isEqualTo(Policy.NONE);
        DmarcOutcome defaults = check(dns, "a@defaults.example", Optional.of("x.defaults.example"));
        assertThat(defaults.result()).isEqualTo(DmarcResult.PASS);
        assertThat(check(dns, "a@defaults.example", Optional.empty()).disposition()).isEqualTo(Policy.REJECT);
        assertThat(check(dns, "a@other.example", Optional.empty()).result()).isEqualTo(DmarcResult.NONE);
        assertThat(check(dns, "a@spaced.example", Optional.empty()).policy()).isEqualTo(Policy.REJECT);
    }

    @Test
    void severalRecordsAtTheAuthorDomainStopDiscovery() {
        InMemoryDns dns = new InMemoryDns().txt("_dmarc.sub.example.com", "v=DMARC1; p=none", "v=DMARC1; p=none")
                .txt("_dmarc.example.com", "v=DMARC1; p=reject");
        assertThat(check(dns, "a@sub.example.com", Optional.empty()).result()).isEqualTo(DmarcResult.NONE);
        assertThat(dns.queries).doesNotContain("TXT _dmarc.example.com");
    }

    @Test
    void dnsFailureIsATemperror() {
        InMemoryDns dns = new InMemoryDns().failing("_dmarc.example.com");
        assertThat(check(dns, "a@example.com", Optional.empty()).result()).isEqualTo(DmarcResult.TEMPERROR);
    }

    @Test
    void noFromIsNoneAndSeveralAuthorsGoToJunk() {
        DmarcChecker checker = new DmarcChecker(new InMemoryDns());
        DmarcOutcome none = checker.check(List.of(), Optional.empty(), List.of());
        assertThat(none.result()).isEqualTo(DmarcResult.NONE);
        assertThat(none.disposition()).isEqualTo(Policy.NONE);
        assertThat(none.headerFrom()).isNull();
        DmarcOutcome several = checker.check(List.of("a@example.com", "b@example.com"), Optional.of("example.com"), List.of());
        assertThat(several.result()).isEqualTo(DmarcResult.PERMERROR);
        assertThat(several.disposition()).isEqualTo(Policy.QUARANTINE);
        assertThat(checker.check(List.of("a@example.com, b@example.org"), Optional.empty(), List.of()).disposition())
                .isEqualTo(Policy.QUARANTINE);
    }
}
