package io.mailserver.auth.address;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailAddressTest {

    @Test
    void canonicalFormIsLowerCase() {
        MailAddress address = MailAddress.parse(" Alice.Smith@Example.TEST ").orElseThrow();

        assertThat(address.localPart()).isEqualTo("alice.smith");
        assertThat(address.domain().value()).isEqualTo("example.test");
        assertThat(address.value()).isEqualTo("alice.smith@example.test");
    }

    @Test
    void acceptsDotAtomLocalParts() {
        assertThat(MailAddress.parse("first+last@example.test")).isPresent();
        assertThat(MailAddress.parse("o'brien_x-y@example.test")).isPresent();
        assertThat(MailAddress.parse("a".repeat(64) + "@example.test")).isPresent();
    }

    @Test
    void refusesWhatCannotBeHosted() {
        String[] invalid = {
            null, "", "alice", "@example.test", "alice@", "alice@example", ".alice@example.test",
            "alice.@example.test", "al..ice@example.test", "\"al ice\"@example.test", "al ice@example.test",
            "alice@exa_mple.test", "alice@-example.test", "alice@example.123", "a".repeat(65) + "@example.test",
            "alice@[127.0.0.1]", "alice\r\n@example.test",
        };
        for (String text : invalid) {
            assertThat(MailAddress.parse(text)).as(String.valueOf(text)).isEmpty();
        }
    }

    @Test
    void domainNamesAreValidatedLabelByLabel() {
        assertThat(DomainName.parse("Mail.Example.TEST")).map(DomainName::value).contains("mail.example.test");
        assertThat(DomainName.parse("xn--bcher-kva.example")).isPresent();
        assertThat(DomainName.parse("a-b.example")).isPresent();
        assertThat(DomainName.parse("example..test")).isEmpty();
        assertThat(DomainName.parse("example.test.")).isEmpty();
        assertThat(DomainName.parse("exa mple.test")).isEmpty();
        assertThat(DomainName.parse("b\u00fccher.example")).isEmpty();
        assertThat(DomainName.parse("a".repeat(64) + ".test")).isEmpty();
        assertThat(DomainName.parse("localhost")).isEmpty();
    }
}
