package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SearchKeyParser;
import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.SearchCommand;
import java.util.EnumSet;
import java.util.Set;

/**
 * RFC 9051 §6.4.4: {@code SEARCH [SP "RETURN" SP "(" [return-opt *(SP return-opt)] ")"]
 * [SP "CHARSET" SP charset] 1*(SP search-key)}, the RETURN options being RFC 4731's.
 */
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
        Set<SearchCommand.ReturnOption> returns = null;
        if (c.acceptKeyword("RETURN")) {
            returns = EnumSet.noneOf(SearchCommand.ReturnOption.class);
            c.open();
            while (!c.peekClose()) {
                String option = TokenCursor.upper(c.atom());
                try {
                    returns.add(SearchCommand.ReturnOption.valueOf(option));
                } catch (IllegalArgumentException e) {
                    throw new SyntaxError("Unknown RETURN option");
                }
            }
            c.close();
            if (returns.isEmpty()) {
                returns.add(SearchCommand.ReturnOption.ALL); // RFC 4731 §3.1: RETURN () means ALL
            }
        }
        String charset = null;
        if (c.acceptKeyword("CHARSET")) {
            charset = TokenCursor.upper(c.astring());
        }
        if (c.atEnd()) {
            throw new SyntaxError("Missing search key");
        }
        return new SearchCommand(tag, charset, SearchKeyParser.parseAll(c), uid, returns);
    }
}
