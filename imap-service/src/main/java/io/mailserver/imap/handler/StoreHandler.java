package io.mailserver.imap.handler;

import io.mailserver.contracts.storage.v1.MessageFlags;
import io.mailserver.contracts.storage.v1.StoreFlagsRequest;
import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.StoreCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.FetchItem;
import io.mailserver.imap.reply.FetchResponse;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.MessageNumbers;
import io.mailserver.imap.session.SelectedMailbox;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * RFC 9051 §6.4.6 STORE and UID STORE: one StoreFlags call for the whole set, then an untagged
 * FETCH with the new FLAGS (and the UID for UID STORE) per message unless .SILENT.
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
        BitSet positions = command.uid() ? numbers.byUid(command.messages())
                : numbers.bySequence(command.messages(), true);
        if (positions == null) {
            return Uni.createFrom().item(Completion.bad("Invalid message sequence number"));
        }
        if (positions.isEmpty()) {
            return Uni.createFrom().item(Completion.ok(command.name() + " completed"));
        }
        StoreFlagsRequest request = StoreFlagsRequest.newBuilder()
                .setMailbox(StorageClient.mailbox(selected.account().getAccountId(), mailbox.mailboxId()))
                .setUids(numbers.toUidSet(positions))
                .setMode(switch (command.mode()) {
                    case REPLACE -> StoreFlagsRequest.Mode.REPLACE;
                    case ADD -> StoreFlagsRequest.Mode.ADD;
                    case REMOVE -> StoreFlagsRequest.Mode.REMOVE;
                })
                .addAllFlags(command.flags())
                .build();
        return session.onContext(storage.storeFlags(request)).map(response -> {
            MessageNumbers current = session.selected().mailbox().messages();
            for (MessageFlags message : response.getMessagesList()) {
                int sequence = current.sequenceOf(message.getUid());
                if (sequence == 0) {
                    continue;
                }
                if (!command.silent()) {
                    List<FetchItem> items = new ArrayList<>(2);
                    if (command.uid()) {
                        items.add(new FetchItem.Uid(message.getUid()));
                    }
                    items.add(SessionFlags.fetchItem(session, message.getUid(), message.getFlagsList()));
                    session.send(new FetchResponse(sequence, items));
                }
                session.noteOwnChange(message.getUid(), message.getModseq());
            }
            return Completion.ok(command.name() + " completed");
        });
    }
}
