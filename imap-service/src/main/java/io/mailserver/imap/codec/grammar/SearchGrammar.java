package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SearchKeyParser;
import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.SearchCommand;

/** RFC 9051 §6.4.4: {@code SEARCH [SP "CHARSET" SP charset] 1*(SP search-key)}. */
record SearchGrammar(boolean uid) implements CommandGrammar {

    @Override
    public String name() {
        return "SEARCH";
    }

    @Override
    public boolean takesLiterals() {
        return true;
    }

    @Override
    public SearchCommand parse(String tag, TokenCursor c) throws SyntaxError {
        String charset = null;
        if (c.acceptKeyword("CHARSET")) {
            charset = TokenCursor.upper(c.astring());
        }
        if (c.atEnd()) {
            throw new SyntaxError("Missing search key");
        }
        return new SearchCommand(tag, charset, SearchKeyParser.parseAll(c), uid);
    }
}
