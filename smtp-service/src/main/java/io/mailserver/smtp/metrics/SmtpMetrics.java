package io.mailserver.smtp.metrics;

import io.mailserver.smtp.session.Listener;
import io.mailserver.smtp.session.MessageMemory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SMTP listeners' Micrometer meters. Tag values come from small fixed sets (never from client
 * input), so a client cannot blow up the number of time series.
 */
@ApplicationScoped
public class SmtpMetrics {

    /** Delivery outcomes. */
    public enum Delivery {
        /** Stored and answered 250. */
        ACCEPTED,
        /** Answered 4xx: storage failed, timed out or was unreachable, or no message memory was left. */
        TEMP_FAILED,
        /** Answered 5xx (for example 552 for a message over the size limit). */
        REJECTED
    }

    private static final Set<String> KNOWN_VERBS = Set.of("EHLO", "HELO", "MAIL", "RCPT", "DATA", "RSET",
            "NOOP", "QUIT", "VRFY", "HELP", "STARTTLS", "AUTH", "BDAT");

    private final MeterRegistry registry;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter bytesReceived;

    public SmtpMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("smtp.connections.open", open, AtomicInteger::get)
                .description("Open SMTP connections").register(registry);
        this.bytesReceived = Counter.builder("smtp.bytes.received").baseUnit("bytes")
                .description("Bytes received from SMTP clients").register(registry);
    }

    public void connectionOpened(Listener listener) {
        open.incrementAndGet();
        Counter.builder("smtp.connections").description("SMTP connections accepted")
                .tag("listener", listener.tag()).register(registry).increment();
    }

    public void connectionClosed() {
        open.decrementAndGet();
    }

    /** A connection turned away before the greeting (too many from one address). */
    public void connectionRefused(Listener listener) {
        Counter.builder("smtp.connections.refused").description("SMTP connections turned away before the greeting")
                .tag("listener", listener.tag()).register(registry).increment();
    }

    /** One reply to one command; {@code verb} is what the parser reported. */
    public void command(String verb, int replyCode) {
        String tag = KNOWN_VERBS.contains(verb) ? verb : "OTHER";
        Counter.builder("smtp.commands").description("SMTP commands answered, by reply class")
                .tag("command", tag).tag("reply", (replyCode / 100) + "xx").register(registry).increment();
    }

    /** One AUTH exchange that reached auth-service: accepted, refused or unavailable. */
    public void login(String outcome) {
        Counter.builder("smtp.logins").description("Submission logins checked by auth-service, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    public void delivery(Delivery outcome) {
        Counter.builder("smtp.deliveries").description("Messages at the end of DATA, by outcome")
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).register(registry).increment();
    }

    /** A message whose content had bare LF or CR, normalized to CRLF or rejected as the policy says. */
    public void bareLineEndings(io.mailserver.protocol.smtp.BareLineEndings policy) {
        Counter.builder("smtp.messages.bare.line.endings")
                .description("Messages whose DATA had a bare LF or bare CR, by what was done (normalize or reject)")
                .tag("policy", policy.name().toLowerCase(java.util.Locale.ROOT)).register(registry).increment();
    }

    /** Message bytes held in memory by all connections (see {@code mail.smtp.limits.message-memory}). */
    public void messageMemory(MessageMemory memory) {
        Gauge.builder("smtp.message.memory.used", memory, MessageMemory::used).baseUnit("bytes")
                .description("Message data held in memory until storage answers").register(registry);
    }

    public void bytesReceived(long n) {
        bytesReceived.increment(n);
    }
}
