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

    /** A client on the MX that sent before the greeting, turned away. */
    public void earlyTalker() {
        Counter.builder("smtp.connections.early.talkers")
                .description("MX clients that talked before the greeting, turned away with 554").register(registry).increment();
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

    /** One recipient's outcome of one outbound attempt: delivered, bounced or deferred. */
    public void outbound(String outcome) {
        Counter.builder("smtp.outbound.recipients").description("Outcomes of outbound delivery attempts, per recipient")
                .tag("outcome", outcome).register(registry).increment();
    }

    /**
     * One attempt at a queue entry: {@code finished} when no recipient is left to retry, else
     * {@code retry}; {@code previous} is how many attempts came before it (first attempts are 0).
     */
    public void outboundAttempt(boolean finished, int previous) {
        Counter.builder("smtp.outbound.attempts").description("Delivery attempts of queue entries, by result")
                .tag("result", finished ? "finished" : "retry").register(registry).increment();
        io.micrometer.core.instrument.DistributionSummary.builder("smtp.outbound.attempts.before")
                .description("Attempts an entry had before this one (how many retries mail needs)")
                .register(registry).record(previous);
    }

    /**
     * A delivery status notification (bounce, delay warning, relay or delivery notice) for the sender:
     * queued, or with nowhere to go.
     */
    public void report(String outcome) {
        Counter.builder("smtp.dsn.reports").description("Delivery status notifications (RFC 3464) sent to senders")
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
