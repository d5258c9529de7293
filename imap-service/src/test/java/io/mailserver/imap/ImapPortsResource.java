package io.mailserver.imap;

import io.mailserver.localstack.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Free ports for the IMAP listeners and the HTTP (health, metrics) port of the service under test,
 * and cleartext logins from loopback.
 */
public final class ImapPortsResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mail.imap.host", "127.0.0.1",
                "mail.imap.port", Integer.toString(FreePorts.find()),
                "mail.imap.tls-port", Integer.toString(FreePorts.find()),
                "mail.imap.instances", "2",
                // The development setting: tests log in on the plain port from 127.0.0.1. The default
                // (never without TLS) is tested on the packaged service, see CleartextLoginIT.
                "mail.imap.cleartext-auth", "loopback",
                // long: sessions of changed accounts must end by their events; the recheck test runs it itself
                "mail.imap.timeouts.account-recheck", "1h",
                // small, so LimitsAndOutagesTest can reach it
                "mail.imap.limits.connections-per-account", "8",
                "quarkus.http.test-port", Integer.toString(FreePorts.find()));
    }

    @Override
    public void stop() {
    }
}
