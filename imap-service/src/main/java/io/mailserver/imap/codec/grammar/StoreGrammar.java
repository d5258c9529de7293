package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.SequenceSet;
import io.mailserver.imap.command.StoreCommand;
import java.util.ArrayList;
import java.util.List;

/** RFC 9051 §6.4.6: {@code STORE SP sequence-set SP ["+" / "-"] "FLAGS" [".SILENT"] SP (flag-list / flag *(SP flag))}. */
record StoreGrammar(boolean uid) implements CommandGrammar {

    @Override
    public String name() {
        return "STORE";
    }

    @Override
    public boolean takesLiterals() {
        return false;
    }

    @Override
    public StoreCommand parse(String tag, TokenCursor c) throws SyntaxError {
        SequenceSet set = c.sequenceSetOrSaved();
        long unchangedSince = -1;
        if (c.peekOpen()) {
            c.open();
            if (!c.acceptKeyword("UNCHANGEDSINCE")) {
                throw new SyntaxError("Unknown STORE modifier");
            }
            unchangedSince = c.number();
            c.close();
        }
        String item = TokenCursor.upper(c.word());
        StoreCommand.Mode mode = StoreCommand.Mode.REPLACE;
        if (item.startsWith("+")) {
            mode = StoreCommand.Mode.ADD;
            item = item.substring(1);
        } else if (item.startsWith("-")) {
            mode = StoreCommand.Mode.REMOVE;
            item = item.substring(1);
        }
        boolean silent = item.equals("FLAGS.SILENT");
        if (!silent && !item.equals("FLAGS")) {
            throw new SyntaxError("Expected FLAGS, +FLAGS or -FLAGS");
        }
        List<String> flags;
        if (c.peekOpen()) {
            flags = c.flagList();
        } else {
            flags = new ArrayList<>();
            do {
                flags.add(c.flag());
            } while (!c.atEnd());
        }
        return new StoreCommand(tag, set, mode, silent, flags, uid, unchangedSince);
    }
}
