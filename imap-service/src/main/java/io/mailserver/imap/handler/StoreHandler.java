package io.mailserver.imap.handler;

import io.mailserver.imap.client.FlagState;
import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.StoreCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.FetchItem;
import io.mailserver.imap.reply.FetchResponse;
import io.mailserver.imap.reply.NumberSetText;
import io.mailserver.imap.reply.ResponseCode;
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
 * RFC 9051 §6.4.6 STORE and UID STORE: one StoreFlags call for the whole set, then an untagged
 * FETCH with the new FLAGS (and the UID for UID STORE) per message unless .SILENT. With RFC 7162's
 * UNCHANGEDSINCE, messages changed since are left alone and named in {@code [MODIFIED ...]}; once
 * CONDSTORE is on, every such FETCH carries MODSEQ, and a .SILENT one still says the new MODSEQ.
 */
@Singleton
public class StoreHandler implements CommandHandler<StoreCommand> {

    private final StorageClient storage;

    public StoreHandler(StorageClient storage) {
        this.storage = storage;
    }

    @Override
    public Class<StoreCommand> command() {
        return StoreCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return SELECTED;
    }

    @Override
    public Uni<Completion> handle(StoreCommand command, ImapSession session) {
        SessionState.Selected selected = session.selected();
        SelectedMailbox mailbox = selected.mailbox();
        if (mailbox.readOnly()) {
            return Uni.createFrom().item(Completion.no("Mailbox is read-only"));
        }
        MessageNumbers numbers = mailbox.messages();
        BitSet positions = mailbox.positions(command.messages(), command.uid(), true);
        if (positions == null) {
            return Uni.createFrom().item(Completion.bad("Invalid message sequence number"));
        }
        if (positions.isEmpty()) {
            return Uni.createFrom().item(Completion.ok(command.name() + " completed"));
        }
        if (command.unchangedSince() >= 0) {
            Condstore.turnOn(session);
        }
        if (command.unchangedSince() == 0) {
            // every message has a mod-sequence above 0, so none may change (RFC 7162 §3.1.3)
            return Uni.createFrom().item(modified(command, numbers, numbers.at(positions)));
        }
        return session.onContext(storage.storeFlags(selected.account().accountId(), mailbox.mailboxId(), numbers,
                positions, command.mode(), command.flags(), command.unchangedSince())).map(response -> {
            MessageNumbers current = session.selected().mailbox().messages();
            MessageNumbers failed = response.notStored();
            boolean condstore = session.enabled(ServerCapabilities.CONDSTORE);
            for (FlagState message : response.messages()) {
                int sequence = current.sequenceOf(message.uid());
                if (sequence == 0 || failed.contains(message.uid())) {
                    continue;
                }
                if (!command.silent() || condstore) {
                    List<FetchItem> items = new ArrayList<>(3);
                    if (command.uid()) {
                        items.add(new FetchItem.Uid(message.uid()));
                    }
                    if (!command.silent()) {
                        items.add(SessionFlags.fetchItem(session, message.uid(), message.flags()));
                    }
                    if (condstore) {
                        items.add(new FetchItem.Modseq(message.modseq()));
                    }
                    session.send(new FetchResponse(sequence, items));
                }
                session.noteOwnChange(message.uid(), message.modseq());
            }
            if (!failed.isEmpty()) {
                return modified(command, current, failed);
            }
            return Completion.ok(command.name() + " completed");
        });
    }

    /** {@code OK [MODIFIED set]}: sequence numbers for STORE, UIDs for UID STORE (RFC 7162 §3.1.3). */
    private static Completion modified(StoreCommand command, MessageNumbers numbers, MessageNumbers failed) {
        int[] reported = command.uid() ? failed.toArray() : numbers.positionsOf(failed).stream().map(i -> i + 1).toArray();
        if (reported.length == 0) {
            return Completion.ok(command.name() + " completed");
        }
        return Completion.ok(ResponseCode.modified(NumberSetText.of(reported)), "Conditional STORE failed");
    }
}
