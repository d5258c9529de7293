package io.mailserver.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallerAllowanceTest {

    private final CallerAllowance allowance = new CallerAllowance(Map.of(
            "smtp-service", List.of("mail.storage.v1.DeliveryService/Deliver"),
            "imap-service", List.of("mail.storage.v1.MessageService/*", " mail.storage.v1.MailboxService/SelectMailbox "),
            "test-client", List.of("*")));

    @Test
    void exactMethodsAndWholeServices() {
        assertThat(allowance.allows("smtp-service", "mail.storage.v1.DeliveryService/Deliver")).isTrue();
        assertThat(allowance.allows("imap-service", "mail.storage.v1.MessageService/FetchMessages")).isTrue();
        assertThat(allowance.allows("imap-service", "mail.storage.v1.MailboxService/SelectMailbox")).isTrue();
        assertThat(allowance.allows("test-client", "mail.auth.v1.AuthService/Authenticate")).isTrue();
    }

    @Test
    void everythingElseIsRefused() {
        assertThat(allowance.allows("smtp-service", "mail.storage.v1.MessageService/FetchMessages")).isFalse();
        assertThat(allowance.allows("imap-service", "mail.storage.v1.DeliveryService/Deliver")).isFalse();
        assertThat(allowance.allows("imap-service", "mail.storage.v1.MailboxService/DeleteMailbox")).isFalse();
        assertThat(allowance.allows("imap-service", "mail.storage.v1.MessageService")).isFalse();
        assertThat(allowance.allows("pop3-service", "mail.storage.v1.MailboxService/SelectMailbox")).isFalse();
        assertThat(allowance.allows("", "mail.storage.v1.DeliveryService/Deliver")).isFalse();
    }

    @Test
    void healthIsOpenToEveryVerifiedCaller() {
        assertThat(allowance.allows("pop3-service", "grpc.health.v1.Health/Check")).isTrue();
        assertThat(allowance.allows("unknown", "grpc.health.v1.Health/Check")).isTrue();
    }
}
