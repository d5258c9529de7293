package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.ImapCommand;

/**
 * The grammar of one IMAP command (RFC 9051 §9): its name, whether its arguments may hold strings
 * (and so literals, which the decoder then accepts), and how they parse into the command's record.
 * Every command the server knows has one, listed in {@link CommandTable}.
 */
public interface CommandGrammar {

    /** The command name in upper case, as the client sends it after the tag. */
    String name();

    /** Whether the arguments may contain strings, and so literals. */
    boolean takesLiterals();

    /**
     * Whether a literal ending the line after the first argument is a message the handler streams
     * on (APPEND) instead of a string the decoder reads into memory.
     */
    default boolean streamsMessage() {
        return false;
    }

    /** The command from its arguments; the caller checks that nothing is left over. */
    ImapCommand parse(String tag, TokenCursor arguments) throws SyntaxError;
}
