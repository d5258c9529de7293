package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.ImapCommand;
import java.util.Map;

/**
 * RFC 9051 §6.4.9 {@code UID SP (copy / move / fetch / search / store / uid-expunge)}, and RFC 5256
 * UID SORT and UID THREAD: the same grammars with UIDs instead of sequence numbers.
 */
final class UidGrammar implements CommandGrammar {

    private final Map<String, CommandGrammar> commands;

    UidGrammar(Map<String, CommandGrammar> commands) {
        this.commands = Map.copyOf(commands);
    }

    @Override
    public String name() {
        return "UID";
    }

    @Override
    public boolean takesLiterals() {
        return true;
    }

    @Override
    public ImapCommand parse(String tag, TokenCursor c) throws SyntaxError {
        CommandGrammar grammar = commands.get(TokenCursor.upper(c.word()));
        if (grammar == null) {
            throw new SyntaxError("Unknown UID command");
        }
        return grammar.parse(tag, c);
    }
}
