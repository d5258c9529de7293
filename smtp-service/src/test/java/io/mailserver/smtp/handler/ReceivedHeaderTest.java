package io.mailserver.smtp.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.smtp.client.InboundMessage;
import io.mailserver.smtp.command.MailAddress;
import io.mailserver.smtp.session.AcceptedRecipient;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReceivedHeaderTest {

    private static final ZonedDateTime DATE = ZonedDateTime.of(2025, 6, 3, 9, 5, 7, 0, ZoneOffset.ofHours(2));

    @Test
    void singleRecipientOverTls() {
        ReceivedHeader header = new ReceivedHeader("client.example", "192.0.2.1", "192.0.2.1", "mx.example.org",
                ReceivedHeader.protocol(true, true, false, false), "ABC123", Optional.of("alice@example.org"), DATE);
        assertThat(header.format()).isEqualTo("Received: from client.example (192.0.2.1 [192.0.2.1])\r\n"
                + "\tby mx.example.org with ESMTPS id ABC123\r\n"
                + "\tfor <alice@example.org>; Tue, 3 Jun 2025 09:05:07 +0200\r\n");
    }

    @Test
    void severalRecipientsAreNotNamed() {
        ReceivedHeader header = new ReceivedHeader("[192.0.2.9]", "host.example", "2001:db8::9", "mx.example.org",
                ReceivedHeader.protocol(true, false, false, false), "ID", Optional.empty(), DATE.withZoneSameInstant(ZoneOffset.UTC));
        assertThat(header.format()).isEqualTo("Received: from [192.0.2.9] (host.example [IPv6:2001:db8::9])\r\n"
                + "\tby mx.example.org with ESMTP id ID; Tue, 3 Jun 2025 07:05:07 +0000\r\n");
        assertThat(header.bytes()).hasSize(header.format().length());
    }

    @Test
    void protocolKeywordsFollowRfc3848() {
        assertThat(ReceivedHeader.protocol(true, false, false, false)).isEqualTo("ESMTP");
        assertThat(ReceivedHeader.protocol(true, true, false, false)).isEqualTo("ESMTPS");
        assertThat(ReceivedHeader.protocol(false, false, false, false)).isEqualTo("SMTP");
        assertThat(ReceivedHeader.protocol(true, true, true, false)).isEqualTo("ESMTPSA");
        assertThat(ReceivedHeader.protocol(true, false, true, false)).isEqualTo("ESMTPA");
        // RFC 6531 §3.7.3
        assertThat(ReceivedHeader.protocol(true, true, true, true)).isEqualTo("UTF8SMTPSA");
        assertThat(ReceivedHeader.protocol(true, false, false, true)).isEqualTo("UTF8SMTP");
    }

    @Test
    void accountsReachedTwiceGetOneCopy() {
        List<InboundMessage.Recipient> recipients = DataHandler.recipients(List.of(
                new AcceptedRecipient(new MailAddress("alice", "example.org"), List.of(1L)),
                new AcceptedRecipient(new MailAddress("team", "example.org"), List.of(2L, 1L, 3L)),
                new AcceptedRecipient(new MailAddress("Alice", "example.org"), List.of(1L))));
        assertThat(recipients).extracting(InboundMessage.Recipient::accountId).containsExactly(1L, 2L, 3L);
        assertThat(recipients).extracting(InboundMessage.Recipient::address)
                .containsExactly("alice@example.org", "team@example.org", "team@example.org");
    }
}
