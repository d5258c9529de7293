package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.FetchAttributeParser;
import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.FetchCommand;

/** RFC 9051 §6.4.5: {@code FETCH SP sequence-set SP ("ALL" / "FULL" / "FAST" / fetch-att / "(" ... ")")}. */
record FetchGrammar(boolean uid) implements CommandGrammar {

    @Override
    public String name() {
        return "FETCH";
    }

    @Override
    public boolean takesLiterals() {
        return true;
    }

    @Override
    public FetchCommand parse(String tag, TokenCursor c) throws SyntaxError {
        return new FetchCommand(tag, c.sequenceSet(), FetchAttributeParser.parse(c), uid);
    }
}
