package io.mailserver.imap;

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
 * The packaged service with the default {@code mail.imap.cleartext-auth=never}, as {@code mailctl up}
 * runs it, against Python's imaplib: before STARTTLS the plain port advertises LOGINDISABLED and no
 * AUTH= mechanism and refuses LOGIN with [PRIVACYREQUIRED], even from 127.0.0.1; after STARTTLS the
 * same login works.
 */
class CleartextLoginIT {

    @Test
    void passwordsAreRefusedWithoutTlsEvenFromLoopback() {
        LocalMailSystem system = SharedSystem.get();
        system.startInfrastructure();
        system.startService(MailService.AUTH);
        system.startService(MailService.STORAGE);
        system.startService(MailService.IMAP);
        try {
            String domain = "cleartext-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
            AdminClient admin = new AdminClient(system.adminUrl(), SharedSystem.ADMIN_TOKEN);
            admin.addDomain(domain).orThrow();
            admin.addAccount("carol@" + domain, "Carol-Password-1").orThrow();

            PythonScript.Transcript t = PythonScript.run(CleartextLoginIT.class, "cleartext_login.py", Duration.ofSeconds(60),
                    "127.0.0.1", Integer.toString(system.settings().ports().imap()), "carol@" + domain, "Carol-Password-1",
                    system.certificate().certificate().toString());

            assertThat(t.value("CAPS").split(" ")).contains("LOGINDISABLED", "STARTTLS").noneMatch(c -> c.startsWith("AUTH="));
            assertThat(t.value("LOGIN")).contains("[PRIVACYREQUIRED]");
            assertThat(t.value("CAPS_TLS").split(" ")).contains("AUTH=PLAIN").doesNotContain("LOGINDISABLED", "STARTTLS");
            assertThat(t.value("LOGIN_TLS")).isEqualTo("OK");
        } finally {
            system.stopService(MailService.IMAP);
        }
    }
}
