package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.ExpungeCommand;

/** RFC 9051 §6.4.9 / RFC 4315 §2.1: {@code UID EXPUNGE SP sequence-set} (of UIDs). */
final class UidExpungeGrammar implements CommandGrammar {

    @Override
    public String name() {
        return "EXPUNGE";
    }

    @Override
    public boolean takesLiterals() {
        return false;
    }

    @Override
    public ExpungeCommand parse(String tag, TokenCursor c) throws SyntaxError {
        return new ExpungeCommand(tag, c.sequenceSetOrSaved());
    }
}
