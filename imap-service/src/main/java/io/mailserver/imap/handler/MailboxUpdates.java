package io.mailserver.imap.handler;

import io.mailserver.imap.client.FlagState;
import io.mailserver.imap.client.MailboxChanges;
import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.config.ImapConfig;
import io.mailserver.imap.events.MailboxVersions;
import io.mailserver.imap.reply.FetchResponse;
import io.mailserver.imap.reply.NumberSetText;
import io.mailserver.imap.reply.NumberedResponse;
import io.mailserver.imap.reply.VanishedResponse;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.MessageNumbers;
import io.mailserver.imap.session.SelectedMailbox;
import io.mailserver.imap.session.ServerCapabilities;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.BitSet;
import java.util.function.LongPredicate;

/**
 * Tells the client what other sessions (on any imap-service instance) changed in the selected
 * mailbox, from storage's change log: {@code * n EXPUNGE}, {@code * n EXISTS} and
 * {@code * n FETCH (UID u FLAGS (...))} (RFC 9051 §5.2, §7.4). Expunges are held back while the
 * client may still rely on sequence numbers (FETCH, STORE, SEARCH: RFC 9051 §7.5.1) and told at
 * the next command that allows them.
 */
@Singleton
public class MailboxUpdates {

    private final StorageClient storage;
    private final MailboxVersions versions;
    private final long checkNanos;
    private final Counter skipped;

    @Inject
    public MailboxUpdates(StorageClient storage, MailboxVersions versions, ImapConfig config, MeterRegistry registry) {
        this.storage = storage;
        this.versions = versions;
        this.checkNanos = config.imap().timeouts().changesCheck().toNanos();
        this.skipped = Counter.builder("imap.changes.checks.skipped")
                .description("Storage change checks left out because no change event announced a newer HIGHESTMODSEQ")
                .register(registry);
    }

    public Uni<Void> report(ImapSession session, boolean allowExpunges) {
        return report(session, allowExpunges, false);
    }

    /**
     * Reports what changed; after a command that {@code onlyReads}, only when a change event
     * announced something newer than the session knows or its last ask is older than the check
     * interval (the instance asks storage only when the mailbox's HIGHESTMODSEQ moved).
     */
    public Uni<Void> report(ImapSession session, boolean allowExpunges, boolean onlyReads) {
        SessionState.Selected selected = session.selected();
        SelectedMailbox mailbox = selected.mailbox();
        long now = System.nanoTime();
        if (onlyReads && versions.unchangedSince(mailbox.mailboxId(), mailbox.highestModseq())
                && now - session.lastChangesCheck() < checkNanos) {
            skipped.increment();
            return Uni.createFrom().voidItem();
        }
        session.lastChangesCheck(now);
        return session.onContext(storage.changesSince(selected.account().accountId(), mailbox.mailboxId(),
                        mailbox.highestModseq(), !mailbox.readOnly() && !session.rev2()))
                .invoke(changes -> {
                    // the session may have been deselected meanwhile only by this very command
                    if (session.selected() != null && session.selected().mailbox().mailboxId() == mailbox.mailboxId()) {
                        apply(session, changes, allowExpunges);
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Tells the client that {@code expunged} (and any expunges held back so far) are gone, highest
     * sequence number first so every number is valid when sent, and renumbers the session. For a
     * command that itself expunged: EXPUNGE, UID EXPUNGE, MOVE.
     */
    static void expunged(ImapSession session, MessageNumbers expunged) {
        SelectedMailbox current = session.selected().mailbox();
        MessageNumbers numbers = current.messages();
        BitSet positions = numbers.positionsOf(expunged.union(current.pendingExpunges()));
        reportGone(session, numbers, positions);
        session.selectedMailbox(current.withMessages(numbers.removePositions(positions), current.highestModseq(),
                MessageNumbers.EMPTY));
    }

    static void apply(ImapSession session, MailboxChanges changes, boolean allowExpunges) {
        SelectedMailbox mailbox = session.selected().mailbox();
        MessageNumbers numbers = mailbox.messages();
        int previousLargest = numbers.largestUid();
        MessageNumbers expunged = changes.expunged();
        MessageNumbers pending = mailbox.pendingExpunges().union(numbers.intersect(expunged));

        if (allowExpunges && !pending.isEmpty()) {
            BitSet positions = numbers.positionsOf(pending);
            reportGone(session, numbers, positions);
            numbers = numbers.removePositions(positions);
            pending = MessageNumbers.EMPTY;
        }

        long highest = Math.max(mailbox.highestModseq(), changes.mailbox().highestModseq());
        int[] arrived = new int[changes.changed().size()];
        int arrivedCount = 0;
        for (FlagState message : changes.changed()) {
            highest = Math.max(highest, message.modseq());
            if (Integer.compareUnsigned(message.uid(), previousLargest) > 0 && !expunged.contains(message.uid())) {
                arrived[arrivedCount++] = message.uid();
            }
        }
        MessageNumbers recent = mailbox.recent();
        if (arrivedCount > 0) {
            int[] newer = Arrays.copyOf(arrived, arrivedCount);
            numbers = numbers.append(newer);
            session.send(new NumberedResponse(numbers.size(), NumberedResponse.Kind.EXISTS));
            if (!session.rev2()) {
                recent = recent.union(claimed(newer, changes.firstRecentUid()));
            }
            // RFC 3501 §7.3.2: the RECENT count goes with every EXISTS that may change it (not in rev2)
            if (!session.rev2()) {
                session.send(new NumberedResponse(recent.isEmpty() ? 0 : numbers.intersect(recent).size(),
                        NumberedResponse.Kind.RECENT));
            }
        }
        for (FlagState message : changes.changed()) {
            int uid = message.uid();
            if (Integer.compareUnsigned(uid, previousLargest) > 0 || pending.contains(uid)
                    || session.isOwnChange(uid, message.modseq())) {
                continue;
            }
            int sequence = numbers.sequenceOf(uid);
            if (sequence > 0) {
                session.send(new FetchResponse(sequence,
                        SessionFlags.changeItems(session, uid, message.flags(), message.modseq(), true)));
            }
        }
        session.forgetOwnChanges();
        // the current record: announcing keywords above replaced the one this began with
        session.selectedMailbox(session.selected().mailbox().withMessages(numbers, highest, pending).withRecent(recent));
    }

    /**
     * Tells the client the messages at {@code positions} are gone: one EXPUNGE each, highest first so
     * every number stays valid while lower ones are sent (RFC 9051 §7.5.1), or with QRESYNC on one
     * VANISHED with their UIDs (RFC 7162 §3.2.10).
     */
    private static void reportGone(ImapSession session, MessageNumbers numbers, BitSet positions) {
        if (positions.isEmpty()) {
            return;
        }
        if (session.enabled(ServerCapabilities.QRESYNC)) {
            int[] uids = positions.stream().map(i -> numbers.uid(i + 1)).toArray();
            session.send(new VanishedResponse(false, NumberSetText.of(uids)));
            return;
        }
        for (int i = positions.length() - 1; i >= 0; i = positions.previousSetBit(i - 1)) {
            session.send(new NumberedResponse(i + 1L, NumberedResponse.Kind.EXPUNGE));
        }
    }

    /** The largest UID there can be: {@code *} in a UID set given to QRESYNC reaches every UID ever given. */
    static final long LARGEST_UID = 0xFFFF_FFFFL;

    /**
     * RFC 7162 §3.2.5 and §3.2.6: {@code VANISHED (EARLIER)} for the expunged UIDs the client asked
     * about ({@code asked}), before a SELECT's or a FETCH's own answers; nothing when none are gone.
     */
    static void reportVanishedEarlier(ImapSession session, MessageNumbers expunged, LongPredicate asked) {
        int[] gone = Arrays.stream(expunged.toArray())
                .filter(uid -> asked.test(Integer.toUnsignedLong(uid)))
                .toArray();
        if (gone.length > 0) {
            session.send(new VanishedResponse(true, NumberSetText.of(gone)));
        }
    }

    /** The UIDs among {@code arrived} (ascending) that storage gave this session as \Recent. */
    private static MessageNumbers claimed(int[] arrived, int firstRecentUid) {
        if (firstRecentUid == 0) {
            return MessageNumbers.EMPTY;
        }
        int from = 0;
        while (from < arrived.length && Integer.compareUnsigned(arrived[from], firstRecentUid) < 0) {
            from++;
        }
        return MessageNumbers.of(Arrays.copyOfRange(arrived, from, arrived.length));
    }
}
