package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.ImapCommand;
import java.util.function.BiFunction;

/**
 * A command whose only argument is a mailbox name: SELECT, EXAMINE, CREATE, DELETE, SUBSCRIBE,
 * UNSUBSCRIBE (RFC 9051 §6.3).
 */
record MailboxGrammar(String name, BiFunction<String, String, ImapCommand> command) implements CommandGrammar {

    @Override
    public boolean takesLiterals() {
        return true;
    }

    @Override
    public ImapCommand parse(String tag, TokenCursor c) throws SyntaxError {
        return command.apply(tag, c.mailbox());
    }
}
