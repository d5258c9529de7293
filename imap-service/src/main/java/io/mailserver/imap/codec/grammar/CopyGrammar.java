package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.CopyCommand;

/** RFC 9051 §6.4.7 / §6.4.8: {@code (COPY / MOVE) SP sequence-set SP mailbox}. */
record CopyGrammar(boolean uid, boolean move) implements CommandGrammar {

    @Override
    public String name() {
        return move ? "MOVE" : "COPY";
    }

    @Override
    public boolean takesLiterals() {
        return true;
    }

    @Override
    public CopyCommand parse(String tag, TokenCursor c) throws SyntaxError {
        return new CopyCommand(tag, c.sequenceSetOrSaved(), c.mailbox(), uid, move);
    }
}
