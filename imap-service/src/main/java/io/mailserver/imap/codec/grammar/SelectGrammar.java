package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.QresyncParameters;
import io.mailserver.imap.command.SelectCommand;
import io.mailserver.imap.command.SequenceSet;

/**
 * RFC 9051 §6.3.2 SELECT and §6.3.3 EXAMINE: {@code mailbox [SP "(" select-param *(SP select-param) ")"]}
 * with RFC 7162's {@code CONDSTORE} and {@code QRESYNC (uidvalidity modseq [known-uids [seq-match]])}
 * parameters.
 */
record SelectGrammar(String name, boolean readOnly) implements CommandGrammar {

    @Override
    public boolean takesLiterals() {
        return true;
    }

    @Override
    public SelectCommand parse(String tag, TokenCursor c) throws SyntaxError {
        String mailbox = c.mailbox();
        boolean condstore = false;
        QresyncParameters qresync = null;
        if (c.peekOpen()) {
            c.open();
            do {
                String parameter = TokenCursor.upper(c.atom());
                switch (parameter) {
                    case "CONDSTORE" -> condstore = true;
                    case "QRESYNC" -> qresync = qresync(c);
                    default -> throw new SyntaxError("Unknown " + name + " parameter");
                }
            } while (!c.peekClose());
            c.close();
        }
        return new SelectCommand(tag, mailbox, readOnly, condstore, qresync);
    }

    private static QresyncParameters qresync(TokenCursor c) throws SyntaxError {
        c.open();
        long uidValidity = c.number();
        long modseq = c.number();
        if (uidValidity == 0 || uidValidity > 0xFFFF_FFFFL || modseq == 0) {
            throw new SyntaxError("Invalid QRESYNC parameters");
        }
        SequenceSet known = null;
        if (!c.peekClose() && !c.peekOpen()) {
            known = c.sequenceSet();
        }
        if (c.peekOpen()) {
            // seq-match-data: "(" known-sequence-set SP known-uid-set ")", read and not needed
            c.open();
            c.sequenceSet();
            c.sequenceSet();
            c.close();
        }
        c.close();
        return new QresyncParameters(uidValidity, modseq, known);
    }
}
