package io.mailserver.pop3.metrics;

import io.mailserver.pop3.command.Verb;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
        Gauge.builder("pop3.connections.open", open, AtomicInteger::get)
                .description("Open POP3 connections").register(registry);
        plainConnections = connections("pop3");
        tlsConnections = connections("pop3s");
        refusedConnections = Counter.builder("pop3.connections.refused")
                .description("POP3 connections turned away before the greeting").register(registry);
        retrieved = Counter.builder("pop3.messages.retrieved").description("Messages sent by RETR").register(registry);
        deleted = Counter.builder("pop3.messages.deleted").description("Messages deleted at QUIT").register(registry);
        for (Verb verb : Verb.values()) {
            commands.put(verb, Counter.builder("pop3.commands").description("POP3 commands received")
                    .tag("command", verb.name().toLowerCase(Locale.ROOT)).register(registry));
        }
    }

    private Counter connections(String listener) {
        return Counter.builder("pop3.connections").description("POP3 connections accepted")
                .tag("listener", listener).register(registry);
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
        Counter.builder("pop3.logins").description("POP3 logins, by result")
                .tag("result", result).register(registry).increment();
    }

    public void retrieved() {
        retrieved.increment();
    }

    public void deleted(long messages) {
        deleted.increment(messages);
    }
}
