package io.mailserver.pop3.metrics;

import io.mailserver.pop3.command.Verb;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The POP3 server's meters; thread-safe. */
@ApplicationScoped
public class Pop3Metrics {

    private final MeterRegistry registry;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<Verb, Counter> commands = new EnumMap<>(Verb.class);
    private final Counter plainConnections;
    private final Counter tlsConnections;
    private final Counter refusedConnections;
    private final Counter retrieved;
    private final Counter deleted;

    public Pop3Metrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("pop3.connections.open", open);
        plainConnections = registry.counter("pop3.connections", "listener", "pop3");
        tlsConnections = registry.counter("pop3.connections", "listener", "pop3s");
        refusedConnections = registry.counter("pop3.connections.refused");
        retrieved = registry.counter("pop3.messages.retrieved");
        deleted = registry.counter("pop3.messages.deleted");
        for (Verb verb : Verb.values()) {
            commands.put(verb, registry.counter("pop3.commands", "command", verb.name().toLowerCase(Locale.ROOT)));
        }
    }

    public void connectionOpened(boolean implicitTls) {
        (implicitTls ? tlsConnections : plainConnections).increment();
        open.incrementAndGet();
    }

    public void connectionClosed() {
        open.decrementAndGet();
    }

    /** A connection refused before the greeting (too many from one address). */
    public void connectionRefused() {
        refusedConnections.increment();
    }

    public void command(Verb verb) {
        commands.get(verb).increment();
    }

    /** @param result "accepted", "refused" or "unavailable" */
    public void login(String result) {
        registry.counter("pop3.logins", "result", result).increment();
    }

    public void retrieved() {
        retrieved.increment();
    }

    public void deleted(long messages) {
        deleted.increment(messages);
    }
}
