package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.IdCommand;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 2971 §4: {@code ID SP ("(" string SP nstring *(SP string SP nstring) ")" / NIL)}, within
 * its §3.3 limits: at most 30 fields, names of at most 30 octets, values of at most 1024.
 */
final class IdGrammar implements CommandGrammar {

    private static final int MAX_FIELDS = 30;
    private static final int MAX_NAME = 30;
    private static final int MAX_VALUE = 1024;

    @Override
    public String name() {
        return "ID";
    }

    @Override
    public boolean takesLiterals() {
        return true;
    }

    @Override
    public IdCommand parse(String tag, TokenCursor c) throws SyntaxError {
        Map<String, String> fields = new LinkedHashMap<>();
        if (c.acceptKeyword("NIL")) {
            return new IdCommand(tag, fields);
        }
        c.open();
        int count = 0;
        while (!c.peekClose()) {
            String field = c.string();
            String value = c.nstring();
            if (field.length() > MAX_NAME || (value != null && value.length() > MAX_VALUE)) {
                throw new SyntaxError("ID field too long");
            }
            if (++count > MAX_FIELDS) {
                throw new SyntaxError("Too many ID fields");
            }
            fields.put(field.toLowerCase(Locale.ROOT), value == null ? "" : value);
        }
        c.close();
        return new IdCommand(tag, fields);
    }
}
