package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.FetchAttributeParser;
import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.FetchAttribute;
import io.mailserver.imap.command.FetchCommand;
import io.mailserver.imap.command.SequenceSet;
import java.util.List;

/**
 * RFC 9051 §6.4.5: {@code FETCH SP sequence-set SP ("ALL" / "FULL" / "FAST" / fetch-att / "(" ... ")")}
 * with RFC 7162's modifiers {@code [SP "(" "CHANGEDSINCE" SP mod-sequence-value [SP "VANISHED"] ")"]}
 * (in either order; VANISHED only for UID FETCH and only with CHANGEDSINCE).
 */
record FetchGrammar(boolean uid) implements CommandGrammar {

    @Override
    public String name() {
        return "FETCH";
    }

    @Override
    public boolean takesLiterals() {
        return true;
    }

    @Override
    public FetchCommand parse(String tag, TokenCursor c) throws SyntaxError {
        SequenceSet messages = c.sequenceSetOrSaved();
        List<FetchAttribute> attributes = FetchAttributeParser.parse(c);
        long changedSince = -1;
        boolean vanished = false;
        if (c.peekOpen()) {
            c.open();
            do {
                if (c.acceptKeyword("CHANGEDSINCE") && changedSince < 0) {
                    changedSince = c.number();
                } else if (c.acceptKeyword("VANISHED") && !vanished) {
                    vanished = true;
                } else {
                    throw new SyntaxError("Unknown FETCH modifier");
                }
            } while (!c.peekClose());
            c.close();
        }
        if (vanished && (!uid || changedSince < 0)) {
            throw new SyntaxError("VANISHED needs UID FETCH with CHANGEDSINCE");
        }
        return new FetchCommand(tag, messages, attributes, uid, changedSince, vanished);
    }
}
