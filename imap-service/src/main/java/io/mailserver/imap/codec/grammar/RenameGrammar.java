package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.RenameCommand;

/** RFC 9051 §6.3.6: {@code RENAME SP mailbox SP mailbox}. */
final class RenameGrammar implements CommandGrammar {

    @Override
    public String name() {
        return "RENAME";
    }

    @Override
    public boolean takesLiterals() {
        return true;
    }

    @Override
    public RenameCommand parse(String tag, TokenCursor c) throws SyntaxError {
        return new RenameCommand(tag, c.mailbox(), c.newMailbox());
    }
}
