package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.CreateCommand;

/**
 * RFC 9051 §6.3.4 {@code CREATE SP mailbox} with the RFC 6154 §6 / RFC 4466 create parameters:
 * {@code [SP "(" "USE" SP "(" [use-attr *(SP use-attr)] ")" ")"]}. One special use per mailbox is
 * what storage keeps; more than one is refused by the handler, not here.
 */
final class CreateGrammar implements CommandGrammar {

    @Override
    public String name() {
        return "CREATE";
    }

    @Override
    public boolean takesLiterals() {
        return true;
    }

    @Override
    public CreateCommand parse(String tag, TokenCursor c) throws SyntaxError {
        String mailbox = c.newMailbox();
        String use = null;
        if (!c.atEnd()) {
            c.open();
            if (!c.acceptKeyword("USE")) {
                throw new SyntaxError("Unknown CREATE parameter");
            }
            c.open();
            int count = 0;
            while (!c.peekClose()) {
                String attribute = c.word();
                if (!attribute.startsWith("\\") || !TokenCursor.isAtom(attribute.substring(1), false)) {
                    throw new SyntaxError("Invalid special-use attribute");
                }
                use = count++ == 0 ? attribute : use + " " + attribute;
            }
            c.close();
            c.close();
        }
        return new CreateCommand(tag, mailbox, use);
    }
}
