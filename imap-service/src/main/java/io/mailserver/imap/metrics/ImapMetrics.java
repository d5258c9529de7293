package io.mailserver.imap.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Micrometer meters of imap-service, named as smtp- and pop3-service name theirs:
 * {@code imap.connections.open} (a gauge), {@code imap.connections} (accepted, by listener) and
 * {@code imap.commands} (by command and result: ok, no, bad).
 */
@ApplicationScoped
public class ImapMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger connections = new AtomicInteger();
    private final ConcurrentHashMap<String, Counter> commands = new ConcurrentHashMap<>();

    public ImapMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("imap.connections.open", connections, AtomicInteger::get)
                .description("Open IMAP connections").register(registry);
    }

    /** @param implicitTls whether it came in on the implicit-TLS port (993) */
    public void connectionOpened(boolean implicitTls) {
        connections.incrementAndGet();
        Counter.builder("imap.connections").description("IMAP connections accepted")
                .tag("listener", implicitTls ? "imaps" : "imap").register(registry).increment();
    }

    public void connectionClosed() {
        connections.decrementAndGet();
    }

    public int openConnections() {
        return connections.get();
    }

    /**
     * Counts a login that waited for admission ({@code LoginAdmission}): let in when a command ended,
     * or after the longest wait.
     */
    public void loginDelayed(boolean timedOut) {
        Counter.builder("imap.logins.delayed").description("Logins that waited for admission")
                .tag("outcome", timedOut ? "max-wait" : "admitted").register(registry).increment();
    }

    /**
     * Counts one command. {@code command} must come from the server's own list of names (never raw
     * client input), which keeps the number of time series bounded.
     */
    public void command(String command, String result) {
        String key = command + '|' + result;
        commands.computeIfAbsent(key, k -> Counter.builder("imap.commands")
                .description("IMAP commands answered, by result")
                .tag("command", command)
                .tag("result", result.toLowerCase(Locale.ROOT))
                .register(registry)).increment();
    }
}
