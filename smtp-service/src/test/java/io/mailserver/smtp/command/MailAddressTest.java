package io.mailserver.smtp.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailAddressTest {

    @Test
    void anAddressNeedsSmtputf8WhetherHeldAsARecordOrAsAString() {
        MailAddress ascii = new MailAddress("alice", "example.org");
        MailAddress utf8 = new MailAddress("jörg", "example.org");
        assertThat(ascii.isAscii()).isTrue();
        assertThat(utf8.isAscii()).isFalse();
        assertThat(MailAddress.isAscii(ascii.toString())).isTrue();
        assertThat(MailAddress.isAscii(utf8.toString())).isFalse();
        assertThat(MailAddress.isAscii("utf-8;j\u00f6rg@example.org")).isFalse();
        assertThat(MailAddress.isAscii("")).isTrue();
        assertThat(MailAddress.postmaster().isAscii()).isTrue();
    }
}
