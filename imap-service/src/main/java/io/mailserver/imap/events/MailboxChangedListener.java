package io.mailserver.imap.events;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mailserver.contracts.events.v1.MailboxChanged;
import io.mailserver.imap.session.MailboxWatchers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Wakes the IDLE sessions of a mailbox storage reports changed ({@code mail.mailbox-changed.v1}) and
 * notes the mailbox's new HIGHESTMODSEQ for sessions that only read ({@link MailboxVersions}).
 * The event is a hint: the woken sessions ask storage what changed, so a lost, late or repeated
 * event costs latency, never correctness.
 */
@ApplicationScoped
public class MailboxChangedListener {

    private final MailboxWatchers watchers;
    private final MailboxVersions versions;
    private final Counter woken;

    public MailboxChangedListener(MailboxWatchers watchers, MailboxVersions versions, MeterRegistry registry) {
        this.watchers = watchers;
        this.versions = versions;
        this.woken = Counter.builder("imap.idle.wakeups")
                .description("IDLE sessions woken by a mailbox change event").register(registry);
        Gauge.builder("imap.idle.sessions", watchers, MailboxWatchers::watching)
                .description("Sessions in IDLE on a selected mailbox on this instance").register(registry);
    }

    /**
     * Takes what one poll of the topic brought, not one event at a time: every delivered message
     * costs the messaging layer more than reading the event does (context capture, acknowledgement),
     * and every instance reads every mailbox's events, with or without a session on it.
     */
    @Incoming("mailbox-changed")
    public void consume(List<byte[]> payloads) {
        for (byte[] payload : payloads) {
            consume(payload);
        }
    }

    void consume(byte[] payload) {
        try {
            MailboxChanged event = MailboxChanged.parseFrom(payload);
            versions.announced(event.getMailboxId(), event.getHighestModseq());
            int count = watchers.changed(event.getMailboxId());
            if (count > 0) {
                woken.increment(count);
            }
        } catch (InvalidProtocolBufferException e) {
            // a hint that cannot be read wakes nobody; the IDLE poll covers it
        }
    }
}
