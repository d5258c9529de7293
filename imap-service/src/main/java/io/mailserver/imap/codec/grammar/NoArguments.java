package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.ImapCommand;
import java.util.function.Function;

/** A command without arguments (CAPABILITY, NOOP, LOGOUT, STARTTLS, CHECK, CLOSE, UNSELECT, ...). */
record NoArguments(String name, Function<String, ImapCommand> command) implements CommandGrammar {

    @Override
    public boolean takesLiterals() {
        return false;
    }

    @Override
    public ImapCommand parse(String tag, TokenCursor arguments) {
        return command.apply(tag);
    }
}
