package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.ModifiedUtf7;
import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.ListCommand;

/** RFC 9051 §6.3.9 LIST and RFC 3501 §6.3.9 LSUB: {@code SP mailbox SP list-mailbox}. */
record ListGrammar(String name, boolean subscribed) implements CommandGrammar {

    @Override
    public boolean takesLiterals() {
        return true;
    }

    @Override
    public ListCommand parse(String tag, TokenCursor c) throws SyntaxError {
        return new ListCommand(tag, ModifiedUtf7.decode(c.astring()), ModifiedUtf7.decode(c.listMailbox()), subscribed);
    }
}
