package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.LoginCommand;

/** RFC 9051 §6.2.3: {@code LOGIN SP userid SP password}. */
final class LoginGrammar implements CommandGrammar {

    @Override
    public String name() {
        return "LOGIN";
    }

    @Override
    public boolean takesLiterals() {
        return true;
    }

    @Override
    public LoginCommand parse(String tag, TokenCursor c) throws SyntaxError {
        return new LoginCommand(tag, c.astring(), c.astring());
    }
}
