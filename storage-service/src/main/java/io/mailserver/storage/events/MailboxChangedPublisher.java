package io.mailserver.storage.events;

import io.mailserver.contracts.events.v1.MailboxChanged;
import io.mailserver.storage.mailbox.model.MailboxRow;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes {@code MailboxChanged} to {@code mail.mailbox-changed.v1} after a commit, keyed by the
 * decimal account id so one account's events stay in order on one partition. Events are hints (the
 * facts come from ChangesSince), so a failed publish is logged and never fails the request.
 */
@ApplicationScoped
public class MailboxChangedPublisher {

    private static final Logger LOG = Logger.getLogger(MailboxChangedPublisher.class);

    private final MutinyEmitter<byte[]> emitter;

    public MailboxChangedPublisher(
            @Channel("mailbox-changed") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** A change to announce once its transaction committed. */
    public record Change(MailboxRow mailbox, MailboxChanged.Kind kind) {
    }

    public void publish(List<Change> changes) {
        for (Change change : changes) {
            publish(change.mailbox(), change.kind());
        }
    }

    public void publish(MailboxRow mailbox, MailboxChanged.Kind kind) {
        MailboxChanged event = MailboxChanged.newBuilder()
                .setAccountId(mailbox.accountId())
                .setMailboxId(mailbox.mailboxId())
                .setKind(kind)
                .setHighestModseq(mailbox.highestModseq())
                .setUidNext((int) Math.min(mailbox.uidNext(), 0xFFFF_FFFFL))
                .setMessageCount((int) mailbox.messageCount())
                .setOccurredAtEpochMs(System.currentTimeMillis())
                .build();
        String key = Long.toString(mailbox.accountId());
        Message<byte[]> message = Message.of(event.toByteArray())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
        try {
            emitter.sendMessage(message).subscribe().with(
                    ok -> {
                    },
                    failure -> LOG.warnf("MailboxChanged for account %s not published: %s", key, failure.toString()));
        } catch (RuntimeException e) {
            LOG.warnf("MailboxChanged for account %s not published: %s", key, e.toString());
        }
    }
}
