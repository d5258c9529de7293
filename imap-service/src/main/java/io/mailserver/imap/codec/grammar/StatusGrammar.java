package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.StatusCommand;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * RFC 9051 §6.3.11: {@code STATUS SP mailbox SP "(" status-att *(SP status-att) ")"}, with RECENT
 * from RFC 3501, HIGHESTMODSEQ from RFC 7162 and APPENDLIMIT from RFC 7889.
 */
final class StatusGrammar implements CommandGrammar {

    static final Set<String> ITEMS = Set.of("MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "DELETED", "SIZE",
            "RECENT", "HIGHESTMODSEQ", "APPENDLIMIT", "MAILBOXID");

    @Override
    public String name() {
        return "STATUS";
    }

    @Override
    public boolean takesLiterals() {
        return true;
    }

    @Override
    public StatusCommand parse(String tag, TokenCursor c) throws SyntaxError {
        String mailbox = c.mailbox();
        return new StatusCommand(tag, mailbox, items(c));
    }

    /** {@code "(" status-att *(SP status-att) ")"}, upper-cased, in order, no repeats; also LIST-STATUS's. */
    static java.util.List<String> items(TokenCursor c) throws SyntaxError {
        Set<String> items = new LinkedHashSet<>();
        c.open();
        do {
            String item = TokenCursor.upper(c.word());
            if (!ITEMS.contains(item)) {
                throw new SyntaxError("Unknown status item");
            }
            items.add(item);
        } while (!c.peekClose());
        c.close();
        return java.util.List.copyOf(items);
    }
}
