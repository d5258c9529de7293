package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.GetQuotaCommand;
import io.mailserver.imap.command.GetQuotaRootCommand;
import io.mailserver.imap.command.ImapCommand;
import io.mailserver.imap.command.SetQuotaCommand;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 9208 §7: {@code GETQUOTA SP quota-root-name}, {@code GETQUOTAROOT SP mailbox} and
 * {@code SETQUOTA SP quota-root-name SP "(" [resource-name SP number *(...)] ")"}.
 */
record QuotaGrammar(String name) implements CommandGrammar {

    @Override
    public boolean takesLiterals() {
        return true;
    }

    @Override
    public ImapCommand parse(String tag, TokenCursor c) throws SyntaxError {
        return switch (name) {
            case "GETQUOTA" -> new GetQuotaCommand(tag, c.astring());
            case "GETQUOTAROOT" -> new GetQuotaRootCommand(tag, c.mailbox());
            default -> {
                String root = c.astring();
                Map<String, Long> limits = new LinkedHashMap<>();
                c.open();
                while (!c.peekClose()) {
                    limits.put(TokenCursor.upper(c.atom()), c.number());
                }
                c.close();
                yield new SetQuotaCommand(tag, root, limits);
            }
        };
    }
}
