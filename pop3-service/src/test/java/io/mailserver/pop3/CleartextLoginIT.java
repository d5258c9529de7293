package io.mailserver.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.localstack.MailService;
import io.mailserver.localstack.admin.AdminClient;
import io.mailserver.testkit.client.PythonScript;
import io.mailserver.testkit.quarkus.SharedSystem;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged service with the default {@code mail.pop3.cleartext-auth=never}, as {@code mailctl up}
 * runs it, against Python's poplib: before STLS neither USER nor SASL is offered and USER is answered
 * {@code -ERR [AUTH]}, even from 127.0.0.1; after STLS the same login works.
 */
class CleartextLoginIT {

    @Test
    void passwordsAreRefusedWithoutTlsEvenFromLoopback() {
        LocalMailSystem system = SharedSystem.get();
        system.startInfrastructure();
        system.startService(MailService.AUTH);
        system.startService(MailService.STORAGE);
        system.startService(MailService.POP3);
        try {
            String domain = "cleartext-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
            AdminClient admin = new AdminClient(system.adminUrl(), SharedSystem.ADMIN_TOKEN);
            admin.addDomain(domain).orThrow();
            admin.addAccount("dan@" + domain, "Dan-Password-12").orThrow();

            PythonScript.Transcript t = PythonScript.run(CleartextLoginIT.class, "cleartext_login.py", Duration.ofSeconds(60),
                    "127.0.0.1", Integer.toString(system.settings().ports().pop3()), "dan@" + domain, "Dan-Password-12",
                    system.certificate().certificate().toString());

            assertThat(t.value("CAPA").split(" ")).contains("STLS").doesNotContain("USER", "SASL");
            assertThat(t.value("USER")).startsWith("-ERR [AUTH]");
            assertThat(t.value("CAPA_TLS").split(" ")).contains("USER", "SASL").doesNotContain("STLS");
            assertThat(t.value("PASS_TLS")).startsWith("+OK");
            assertThat(t.value("QUIT")).startsWith("+OK");
        } finally {
            system.stopService(MailService.POP3);
        }
    }
}
