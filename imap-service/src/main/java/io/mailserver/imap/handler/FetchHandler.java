package io.mailserver.imap.handler;

import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.client.WantedItems;
import io.mailserver.imap.command.FetchAttribute;
import io.mailserver.imap.command.FetchAttribute.MessageItem;
import io.mailserver.imap.command.FetchAttribute.SectionItem;
import io.mailserver.imap.command.FetchCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.MessageNumbers;
import io.mailserver.imap.session.SelectedMailbox;
import io.mailserver.imap.session.SessionState;
import io.mailserver.imap.session.ServerCapabilities;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * RFC 9051 §6.4.5 FETCH and UID FETCH: one FetchMessages stream for the whole set, written to the
 * client as it arrives ({@link FetchWriter}). A body fetch without .PEEK sets \Seen in the same
 * call (storage's {@code mark_seen}) and the response then carries FLAGS.
 */
@Singleton
public class FetchHandler implements CommandHandler<FetchCommand> {

    private final StorageClient storage;

    public FetchHandler(StorageClient storage) {
        this.storage = storage;
    }

    @Override
    public Class<FetchCommand> command() {
        return FetchCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return SELECTED;
    }

    @Override
    public Uni<Completion> handle(FetchCommand command, ImapSession session) {
        if (command.vanished() && !session.enabled(ServerCapabilities.QRESYNC)) {
            return Uni.createFrom().item(Completion.bad("QRESYNC is not enabled"));
        }
        if (!command.vanished()) {
            return fetch(command, session);
        }
        // RFC 7162 §3.2.6: the UIDs of the set expunged since, before the FETCH responses
        SessionState.Selected selected = session.selected();
        return session.onContext(storage.changesSince(selected.account().accountId(),
                        selected.mailbox().mailboxId(), command.changedSince(), false))
                .flatMap(changes -> {
                    MailboxUpdates.reportVanishedEarlier(session, changes.expunged(), uid -> session.selected()
                            .mailbox().uidIn(command.messages(), uid, MailboxUpdates.LARGEST_UID));
                    return fetch(command, session);
                });
    }

    private Uni<Completion> fetch(FetchCommand command, ImapSession session) {
        SessionState.Selected selected = session.selected();
        SelectedMailbox mailbox = selected.mailbox();
        MessageNumbers numbers = mailbox.messages();
        BitSet positions = mailbox.positions(command.messages(), command.uid(), true);
        if (positions == null) {
            return Uni.createFrom().item(Completion.bad("Invalid message sequence number"));
        }
        if (positions.isEmpty()) {
            return Uni.createFrom().item(Completion.ok(command.name() + " completed"));
        }
        if (command.changedSince() >= 0 || command.attributes().contains(MessageItem.MODSEQ)) {
            Condstore.turnOn(session);
        }
        Plan plan = Plan.of(command, mailbox.readOnly(), session.enabled(ServerCapabilities.CONDSTORE));
        long accountId = selected.account().accountId();
        return Uni.createFrom().<Completion>emitter(emitter -> new FetchWriter(session, plan, numbers, emitter,
                        command.name() + " completed")
                        // CHANGEDSINCE n: a greater mod-sequence; storage's 0 (no condition) is the same as n = 0
                        .start(listener -> storage.fetch(accountId, mailbox.mailboxId(), numbers, positions,
                                plan.wanted(), plan.markSeen(), command.changedSince(), session.executor(), listener)))
                .emitOn(session.executor());
    }

    /**
     * What to ask storage for and how to answer.
     *
     * @param attributes the client's items in its order, sections excluded
     * @param sections   the section items; index i is section_index i of the stream
     * @param uid        whether every response carries UID (always for UID FETCH, RFC 9051 §6.4.9)
     * @param flags      whether every response carries FLAGS (asked for, or \Seen being set)
     * @param modseq     whether every response carries MODSEQ (asked for, CHANGEDSINCE, or \Seen being
     *                   set with CONDSTORE on)
     */
    record Plan(List<MessageItem> attributes, List<SectionItem> sections, List<FetchAttribute.BinarySize> binarySizes,
            boolean uid, boolean flags, boolean modseq, boolean markSeen, WantedItems wanted) {

        static Plan of(FetchCommand command, boolean readOnly, boolean condstore) {
            List<MessageItem> attributes = new ArrayList<>();
            List<SectionItem> sections = new ArrayList<>();
            List<FetchAttribute.BinarySize> binarySizes = new ArrayList<>();
            boolean markSeen = false;
            for (FetchAttribute attribute : command.attributes()) {
                if (attribute instanceof SectionItem section) {
                    sections.add(section);
                    markSeen |= !section.peek() && !readOnly;
                } else if (attribute instanceof FetchAttribute.BinarySize size) {
                    if (!binarySizes.contains(size)) {
                        binarySizes.add(size);
                    }
                } else if (!attributes.contains(attribute)) {
                    attributes.add((MessageItem) attribute);
                }
            }
            // with CONDSTORE on, a FETCH that sets \Seen reports it like any flag change: UID and MODSEQ too
            boolean uid = command.uid() || attributes.contains(MessageItem.UID) || (condstore && markSeen);
            boolean flags = attributes.contains(MessageItem.FLAGS) || markSeen;
            boolean modseq = attributes.contains(MessageItem.MODSEQ) || command.changedSince() >= 0
                    || (condstore && markSeen);
            WantedItems wanted = new WantedItems(flags,
                    // the MODSEQ of our own \Seen change keeps the next update poll from repeating it
                    markSeen || modseq,
                    attributes.contains(MessageItem.INTERNALDATE),
                    attributes.contains(MessageItem.RFC822_SIZE),
                    attributes.contains(MessageItem.EMAILID),
                    attributes.contains(MessageItem.PREVIEW),
                    attributes.contains(MessageItem.ENVELOPE),
                    attributes.contains(MessageItem.BODY) || attributes.contains(MessageItem.BODYSTRUCTURE),
                    sections, binarySizes);
            return new Plan(List.copyOf(attributes), List.copyOf(sections), List.copyOf(binarySizes), uid, flags, modseq,
                    markSeen, wanted);
        }
    }
}
