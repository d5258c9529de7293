package io.mailserver.storage.message.service;

import io.mailserver.contracts.events.v1.MailboxChanged;
import io.mailserver.contracts.storage.v1.MailboxRef;
import io.mailserver.contracts.storage.v1.MessageFlags;
import io.mailserver.contracts.storage.v1.StoreFlagsRequest;
import io.mailserver.contracts.storage.v1.StoreFlagsResponse;
import io.mailserver.storage.events.MailboxChangedPublisher;
import io.mailserver.storage.failure.StorageException;
import io.mailserver.storage.mailbox.model.MailboxRow;
import io.mailserver.storage.mailbox.repository.MailboxDelta;
import io.mailserver.storage.mailbox.repository.MailboxRepository;
import io.mailserver.storage.message.model.Flags;
import io.mailserver.storage.message.model.SystemFlag;
import io.mailserver.storage.message.model.UidRanges;
import io.mailserver.storage.message.repository.MessageRepository;
import io.mailserver.storage.message.repository.MessageRow;
import io.mailserver.storage.sql.RetriedTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * STORE (RFC 9051 §6.4.6) with CONDSTORE UNCHANGEDSINCE (RFC 7162 §3.1.3): the flags are computed
 * per message under the mailbox lock; only messages whose flags really change take the one new
 * MODSEQ, and messages changed after {@code unchanged_since} are left alone and reported.
 */
@ApplicationScoped
public class StoreFlagsService {

    private final Pool pool;
    private final MailboxRepository mailboxes;
    private final MessageRepository messages;
    private final MailboxChangedPublisher publisher;

    public StoreFlagsService(Pool pool, MailboxRepository mailboxes,
            MessageRepository messages, MailboxChangedPublisher publisher) {
        this.pool = pool;
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.publisher = publisher;
    }

    private record Outcome(StoreFlagsResponse response, MailboxRow changed) {
    }

    public Uni<StoreFlagsResponse> store(StoreFlagsRequest request) {
        Flags.Mode mode = switch (request.getMode()) {
            case REPLACE -> Flags.Mode.REPLACE;
            case ADD -> Flags.Mode.ADD;
            case REMOVE -> Flags.Mode.REMOVE;
            default -> throw StorageException.invalidArgument("unknown store mode");
        };
        Flags change = Flags.parse(request.getFlagsList());
        UidRanges uids = UidRanges.of(request.getUids());
        long unchangedSince = request.getUnchangedSince();
        return RetriedTransaction.run(pool, tx -> lockedWithFlags(tx, request.getMailbox(), uids)
                        .flatMap(locked -> change(tx, locked.getItem1(), locked.getItem2(), mode, change, unchangedSince)))
                .invoke(outcome -> {
                    if (outcome.changed() != null) {
                        publisher.publish(outcome.changed(), MailboxChanged.Kind.FLAGS_CHANGED);
                    }
                })
                .map(Outcome::response);
    }

    /**
     * The mailbox, locked, and the flags of the messages in {@code uids}. A mailbox named by id (as
     * imap-service names the selected one) lets both statements go out together: the connection
     * pipelines them and PostgreSQL runs the read once the lock is taken, so the flags are the locked
     * state's, in one round trip instead of two.
     */
    private Uni<Tuple2<MailboxRow, List<MessageRow>>> lockedWithFlags(SqlConnection tx, MailboxRef ref, UidRanges uids) {
        if (ref.getByCase() != MailboxRef.ByCase.MAILBOX_ID) {
            return mailboxes.resolve(tx, ref, true).flatMap(mailbox -> messages.flags(tx, mailbox.accountId(),
                    mailbox.mailboxId(), uids).map(rows -> Tuple2.of(mailbox, rows)));
        }
        return Uni.combine().all().unis(mailboxes.resolve(tx, ref, true),
                messages.flags(tx, ref.getAccountId(), ref.getMailboxId(), uids)).asTuple();
    }

    /** The new flags of {@code rows} under the mailbox's lock, written with the mailbox's counters. */
    private Uni<Outcome> change(SqlConnection tx, MailboxRow mailbox, List<MessageRow> rows, Flags.Mode mode,
            Flags requested, long unchangedSince) {
        long modseq = mailbox.highestModseq() + 1;
        List<MessageFlags> after = new ArrayList<>(rows.size());
        List<Long> modified = new ArrayList<>();
        List<Long> changedUids = new ArrayList<>();
        List<Short> changedFlags = new ArrayList<>();
        List<String> changedKeywords = new ArrayList<>();
        long unseenDelta = 0;
        long deletedDelta = 0;
        for (MessageRow row : rows) {
            if (unchangedSince > 0 && row.modseq() > unchangedSince) {
                modified.add(row.uid());
                after.add(flags(row.uid(), row.flags(), row.modseq()));
                continue;
            }
            Flags updated = row.flags().apply(mode, requested);
            if (updated.sameAs(row.flags())) {
                after.add(flags(row.uid(), row.flags(), row.modseq()));
                continue;
            }
            changedUids.add(row.uid());
            changedFlags.add((short) updated.system());
            changedKeywords.add(updated.joinedKeywords());
            unseenDelta += unseen(updated) - unseen(row.flags());
            deletedDelta += deleted(updated) - deleted(row.flags());
            after.add(flags(row.uid(), updated, modseq));
        }
        StoreFlagsResponse.Builder response = StoreFlagsResponse.newBuilder()
                .addAllMessages(after)
                .setModified(UidRanges.toUidSet(modified));
        if (changedUids.isEmpty()) {
            return Uni.createFrom().item(new Outcome(response.setHighestModseq(mailbox.highestModseq()).build(), null));
        }
        MailboxDelta delta = new MailboxDelta(0, true, 0, unseenDelta, deletedDelta, 0);
        // both go out at once: one round trip under the lock instead of two
        return Uni.combine().all().unis(
                        messages.updateFlags(tx, mailbox.accountId(), mailbox.mailboxId(), modseq, changedUids,
                                changedFlags, changedKeywords),
                        mailboxes.apply(tx, mailbox.accountId(), mailbox.mailboxId(), delta))
                .asTuple()
                .map(done -> new Outcome(response.setHighestModseq(done.getItem2().highestModseq()).build(), done.getItem2()));
    }

    private static MessageFlags flags(long uid, Flags flags, long modseq) {
        return MessageFlags.newBuilder().setUid((int) uid).addAllFlags(flags.names()).setModseq(modseq).build();
    }

    private static int unseen(Flags flags) {
        return flags.has(SystemFlag.SEEN) ? 0 : 1;
    }

    private static int deleted(Flags flags) {
        return flags.has(SystemFlag.DELETED) ? 1 : 0;
    }
}
