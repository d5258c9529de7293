package io.mailserver.pop3;

import io.mailserver.localstack.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Free ports for the POP3 listeners of the application under test, on the loopback interface, and
 * cleartext logins from loopback.
 */
public final class Pop3PortsResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mail.pop3.host", "127.0.0.1",
                "mail.pop3.port", Integer.toString(FreePorts.find()),
                "mail.pop3.tls-port", Integer.toString(FreePorts.find()),
                // The development setting: tests log in on the plain port from 127.0.0.1. The default
                // (never without TLS) is tested on the packaged service, see CleartextLoginIT.
                "mail.pop3.cleartext-auth", "loopback",
                // long: sessions of changed accounts must end by their events; the recheck test runs it itself
                "mail.pop3.timeouts.account-recheck", "1h",
                // short, so the failure tests stay quick, yet not zero so the delay path runs
                "mail.pop3.timeouts.auth-failure-delay", "100ms");
    }

    @Override
    public void stop() {
    }
}
