package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.EnableCommand;
import java.util.ArrayList;
import java.util.List;

/** RFC 5161 §4: {@code ENABLE 1*(SP capability)}. */
final class EnableGrammar implements CommandGrammar {

    @Override
    public String name() {
        return "ENABLE";
    }

    @Override
    public boolean takesLiterals() {
        return false;
    }

    @Override
    public EnableCommand parse(String tag, TokenCursor c) throws SyntaxError {
        List<String> capabilities = new ArrayList<>();
        do {
            capabilities.add(TokenCursor.upper(c.atom()));
        } while (!c.atEnd());
        return new EnableCommand(tag, capabilities);
    }
}
