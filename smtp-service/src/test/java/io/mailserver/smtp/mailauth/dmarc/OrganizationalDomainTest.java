package io.mailserver.smtp.mailauth.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 7489 §3.2 over the bundled ICANN section of the Public Suffix List. */
class OrganizationalDomainTest {

    private final OrganizationalDomain list = OrganizationalDomain.bundled();

    @Test
    void publicSuffixPlusOneLabel() {
        assertThat(list.of("example.com")).isEqualTo("example.com");
        assertThat(list.of("Mail.News.Example.COM.")).isEqualTo("example.com");
        assertThat(list.of("mail.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(list.of("a.b.example.com.au")).isEqualTo("example.com.au");
        assertThat(list.of("co.uk")).isEqualTo("co.uk");
        assertThat(list.of("com")).isEqualTo("com");
    }

    @Test
    void wildcardsExceptionsUnlistedAndInternationalSuffixes() {
        // *.ck and !www.ck
        assertThat(list.of("a.foo.ck")).isEqualTo("a.foo.ck");
        assertThat(list.of("mail.www.ck")).isEqualTo("www.ck");
        // the default rule "*": an unlisted top-level domain is a public suffix
        assertThat(list.of("mail.example.unlistedtld")).isEqualTo("example.unlistedtld");
        // 公司.cn is listed as a U-label; mail arrives with A-labels
        assertThat(list.of("mail.example.xn--55qx5d.cn")).isEqualTo("example.xn--55qx5d.cn");
        // the private section is left out: github.io is not a suffix here
        assertThat(list.of("a.b.github.io")).isEqualTo("github.io");
    }
}
