package io.mailserver.smtp;

import io.mailserver.testkit.dns.PowerDns;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The world outside for outbound delivery: a remote mail server, aiosmtpd from Debian
 * ({@code smtp_sink.py}) on a free loopback port, routed to as the domain {@value #DOMAIN}; and a real
 * DNS server, PowerDNS, that smtp-service's MX lookups ask, with the zones {@code mx.test} (a first MX
 * that refuses connections, a second that is the sink), {@code nomx.test} (no MX: the implicit MX is
 * the sink) and {@code nullmx.test} (a null MX, RFC 7505). Tests read what the sink filed from
 * {@code test.sink.spool}.
 */
public final class SmtpSinkResource implements QuarkusTestResourceLifecycleManager {

    public static final String DOMAIN = "remote.test";

    private SmtpSink sink;
    private PowerDns dns;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("outside");
            sink = SmtpSink.start(dir.resolve("sink"));
            int port = sink.port();
            dns = PowerDns.start(dir.resolve("pdns"));
            dns.addZone("mx.test", List.of(
                    new PowerDns.Record("mx.test.", "MX", "10 down.mx.test."),
                    new PowerDns.Record("mx.test.", "MX", "20 up.mx.test."),
                    // nothing listens there: connection refused, the next MX is tried
                    new PowerDns.Record("down.mx.test.", "A", "127.0.0.3"),
                    new PowerDns.Record("up.mx.test.", "A", "127.0.0.1")));
            dns.addZone("nomx.test", List.of(new PowerDns.Record("nomx.test.", "A", "127.0.0.1")));
            dns.addZone("nullmx.test", List.of(new PowerDns.Record("nullmx.test.", "MX", "0 .")));
            return Map.of(
                    "mail.smtp.delivery.routes.\"" + DOMAIN + "\"", "127.0.0.1:" + port,
                    "mail.smtp.delivery.mx-lookup", "true",
                    "mail.smtp.dns.servers", "127.0.0.1:" + dns.dnsPort(),
                    "mail.smtp.delivery.port", Integer.toString(port),
                    "mail.smtp.delivery.poll-interval", "500ms",
                    "mail.smtp.delivery.retry-base", "1s",
                    "mail.smtp.delivery.delay-warning-after", "3s",
                    // one attempt per domain at once, which OutboundDeliveryTest checks at the sink
                    "mail.smtp.delivery.per-domain-concurrency", "1",
                    "test.sink.spool", sink.spool().toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (dns != null) {
            dns.close();
        }
        if (sink != null) {
            sink.close();
        }
    }
}
