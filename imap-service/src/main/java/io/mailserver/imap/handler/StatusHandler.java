package io.mailserver.imap.handler;

import io.mailserver.imap.client.MailboxInfo;
import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.StatusCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.MailboxStatusResponse;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.ServerCapabilities;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * RFC 9051 §6.3.11 STATUS with SIZE and DELETED, RFC 3501's RECENT (messages no session has had as
 * \Recent yet), RFC 7162's HIGHESTMODSEQ and RFC 7889's APPENDLIMIT. The numbers are storage's
 * counters, read for this one mailbox, so they are exact for every mailbox, the selected one included.
 */
@Singleton
public class StatusHandler implements CommandHandler<StatusCommand> {

    private final StorageClient storage;
    private final ServerCapabilities capabilities;

    public StatusHandler(StorageClient storage, ServerCapabilities capabilities) {
        this.storage = storage;
        this.capabilities = capabilities;
    }

    @Override
    public Class<StatusCommand> command() {
        return StatusCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> handle(StatusCommand command, ImapSession session) {
        if (command.items().contains("HIGHESTMODSEQ")) {
            Condstore.turnOn(session);
        }
        return session.onContext(storage.getMailbox(session.account().accountId(), command.mailbox(),
                command.items().contains("RECENT"))).map(mailbox -> {
            session.send(new MailboxStatusResponse(mailbox.name(),
                    values(mailbox, command.items(), capabilities.appendLimit())));
            return Completion.ok("STATUS completed");
        });
    }

    /** The asked-for items' values, in the asked-for order; STATUS's and LIST-STATUS's. */
    static Map<String, Long> values(MailboxInfo mailbox, java.util.List<String> asked, long appendLimit) {
        Map<String, Long> items = new LinkedHashMap<>();
        for (String item : asked) {
            items.put(item, item.equals("APPENDLIMIT") ? appendLimit : value(mailbox, item));
        }
        return items;
    }

    private static long value(MailboxInfo mailbox, String item) {
        return switch (item) {
            case "MESSAGES" -> Integer.toUnsignedLong(mailbox.messages());
            case "UIDNEXT" -> Integer.toUnsignedLong(mailbox.uidNext());
            case "UIDVALIDITY" -> Integer.toUnsignedLong(mailbox.uidValidity());
            case "UNSEEN" -> Integer.toUnsignedLong(mailbox.unseen());
            case "DELETED" -> Integer.toUnsignedLong(mailbox.deleted());
            case "SIZE" -> mailbox.sizeBytes();
            case "HIGHESTMODSEQ" -> mailbox.highestModseq();
            case "RECENT" -> Integer.toUnsignedLong(mailbox.recent());
            case "MAILBOXID" -> mailbox.mailboxId();
            default -> throw new IllegalArgumentException("status item " + item);
        };
    }
}
