package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SearchKeyParser;
import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.ThreadCommand;

/** RFC 5256 §4: {@code THREAD SP thread-alg SP charset 1*(SP search-key)}. */
record ThreadGrammar(boolean uid) implements CommandGrammar {

    @Override
    public String name() {
        return "THREAD";
    }

    @Override
    public boolean takesLiterals() {
        return true;
    }

    @Override
    public ThreadCommand parse(String tag, TokenCursor c) throws SyntaxError {
        ThreadCommand.Algorithm algorithm;
        try {
            algorithm = ThreadCommand.Algorithm.valueOf(TokenCursor.upper(c.atom()));
        } catch (IllegalArgumentException e) {
            throw new SyntaxError("Unknown threading algorithm");
        }
        String charset = TokenCursor.upper(c.astring());
        if (c.atEnd()) {
            throw new SyntaxError("Missing search key");
        }
        return new ThreadCommand(tag, algorithm, charset, SearchKeyParser.parseAll(c), uid);
    }
}
