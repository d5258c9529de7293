package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SearchKeyParser;
import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.SortCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 5256 §4: {@code SORT SP "(" sort-criterion *(SP sort-criterion) ")" SP charset 1*(SP search-key)},
 * {@code sort-criterion = ["REVERSE" SP] sort-key}; RFC 5957 adds DISPLAYFROM and DISPLAYTO.
 */
record SortGrammar(boolean uid) implements CommandGrammar {

    @Override
    public String name() {
        return "SORT";
    }

    @Override
    public boolean takesLiterals() {
        return true;
    }

    @Override
    public SortCommand parse(String tag, TokenCursor c) throws SyntaxError {
        List<SortCommand.Criterion> criteria = new ArrayList<>();
        c.open();
        while (!c.peekClose()) {
            boolean reverse = c.acceptKeyword("REVERSE");
            String key = TokenCursor.upper(c.atom());
            try {
                criteria.add(new SortCommand.Criterion(SortCommand.Key.valueOf(key), reverse));
            } catch (IllegalArgumentException e) {
                throw new SyntaxError("Unknown sort criterion");
            }
        }
        c.close();
        if (criteria.isEmpty()) {
            throw new SyntaxError("Missing sort criteria");
        }
        String charset = TokenCursor.upper(c.astring());
        if (c.atEnd()) {
            throw new SyntaxError("Missing search key");
        }
        return new SortCommand(tag, criteria, charset, SearchKeyParser.parseAll(c), uid);
    }
}
