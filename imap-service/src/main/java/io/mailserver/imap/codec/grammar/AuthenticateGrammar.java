package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.AuthenticateCommand;

/** RFC 9051 §6.2.2 with RFC 4959 SASL-IR: {@code AUTHENTICATE SP auth-type [SP (base64 / "=")]}. */
final class AuthenticateGrammar implements CommandGrammar {

    @Override
    public String name() {
        return "AUTHENTICATE";
    }

    @Override
    public boolean takesLiterals() {
        return false;
    }

    @Override
    public AuthenticateCommand parse(String tag, TokenCursor c) throws SyntaxError {
        String mechanism = TokenCursor.upper(c.atom());
        String initial = null;
        if (!c.atEnd()) {
            initial = c.word();
            if (!initial.equals("=") && !isBase64(initial)) {
                throw new SyntaxError("Invalid initial response");
            }
        }
        return new AuthenticateCommand(tag, mechanism, initial);
    }

    private static boolean isBase64(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '+'
                    || ch == '/' || ch == '=';
            if (!ok) {
                return false;
            }
        }
        return !text.isEmpty();
    }
}
