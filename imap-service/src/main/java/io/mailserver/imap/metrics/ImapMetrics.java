package io.mailserver.imap.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Micrometer meters of imap-service: {@code imap.connections} (open connections, a gauge) and
 * {@code imap.commands} (commands by name and result: ok, no, bad).
 */
@ApplicationScoped
public class ImapMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger connections = new AtomicInteger();
    private final ConcurrentHashMap<String, Counter> commands = new ConcurrentHashMap<>();

    public ImapMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("imap.connections", connections);
    }

    public void connectionOpened() {
        connections.incrementAndGet();
    }

    public void connectionClosed() {
        connections.decrementAndGet();
    }

    public int openConnections() {
        return connections.get();
    }

    /**
     * Counts one command. {@code command} must come from the server's own list of names (never raw
     * client input), which keeps the number of time series bounded.
     */
    public void command(String command, String result) {
        String key = command + '|' + result;
        commands.computeIfAbsent(key, k -> Counter.builder("imap.commands")
                .tag("command", command)
                .tag("result", result.toLowerCase(Locale.ROOT))
                .register(registry)).increment();
    }
}
