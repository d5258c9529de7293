package io.mailserver.smtp.mailauth.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The RFC5322.From domain (RFC 7489 §6.6.1) from raw header fields. */
class AuthorDomainTest {

    private static AuthorDomain of(String... fields) {
        return AuthorDomain.of(List.of(fields));
    }

    @Test
    void theDomainOfTheOneAddress() {
        assertThat(of("Alice <alice@Example.COM>")).isEqualTo(new AuthorDomain.Found("example.com"));
        assertThat(of("alice@example.com (Alice, at home)")).isEqualTo(new AuthorDomain.Found("example.com"));
        assertThat(of("\"Doe, John @ home <x@evil.example>\" <j@example.org>")).isEqualTo(new AuthorDomain.Found("example.org"));
        assertThat(of("From: =?utf-8?q?J=C3=B6rg?=\r\n <joerg@mail.example.net.>")).isEqualTo(new AuthorDomain.Found("mail.example.net"));
        assertThat(of("\"a@b\"@example.com")).isEqualTo(new AuthorDomain.Found("example.com"));
        assertThat(of("Team: lead@example.com;")).isEqualTo(new AuthorDomain.Found("example.com"));
        assertThat(of("<@relay.example:user@example.com>")).isEqualTo(new AuthorDomain.Found("example.com"));
        assertThat(of("user@bücher.example")).isEqualTo(new AuthorDomain.Found("xn--bcher-kva.example"));
    }

    @Test
    void noSingleAuthorIsUnusable() {
        assertThat(AuthorDomain.of(List.of())).isInstanceOf(AuthorDomain.Missing.class);
        assertThat(of("a@example.com", "b@example.org")).isInstanceOf(AuthorDomain.Unusable.class);
        assertThat(of("a@example.com, b@example.org")).isInstanceOf(AuthorDomain.Unusable.class);
        assertThat(of("Undisclosed:;")).isInstanceOf(AuthorDomain.Unusable.class);
        assertThat(of("")).isInstanceOf(AuthorDomain.Unusable.class);
        assertThat(of("alice")).isInstanceOf(AuthorDomain.Unusable.class);
        assertThat(of("alice@[192.0.2.1]")).isInstanceOf(AuthorDomain.Unusable.class);
        assertThat(of("alice@localhost")).isInstanceOf(AuthorDomain.Unusable.class);
        assertThat(of("\"unterminated <a@example.com>")).isInstanceOf(AuthorDomain.Unusable.class);
        assertThat(of("a@example.com (open comment")).isInstanceOf(AuthorDomain.Unusable.class);
        assertThat(of("<a@example.com")).isInstanceOf(AuthorDomain.Unusable.class);
        assertThat(of("x".repeat(10_000) + "@example.com")).isInstanceOf(AuthorDomain.Unusable.class);
    }
}
