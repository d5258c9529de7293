package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.CompressCommand;

/** RFC 4978 §3: {@code COMPRESS SP algorithm}. */
final class CompressGrammar implements CommandGrammar {

    @Override
    public String name() {
        return "COMPRESS";
    }

    @Override
    public boolean takesLiterals() {
        return false;
    }

    @Override
    public CompressCommand parse(String tag, TokenCursor c) throws SyntaxError {
        return new CompressCommand(tag, TokenCursor.upper(c.atom()));
    }
}
