package io.mailserver.imap.codec;

import io.mailserver.imap.codec.grammar.CommandGrammar;
import io.mailserver.imap.codec.grammar.CommandTable;
import io.mailserver.imap.command.ImapCommand;

/**
 * Turns a framed {@link RawCommand} into an {@link ImapCommand} record by the grammar of
 * RFC 9051 §9 (with the RFC 3501 forms IMAP4rev1 clients use), using the command's grammar from
 * {@link CommandTable}. Pure: no session, no I/O.
 */
public final class CommandParser {

    /** The parsed command, or why it is invalid. */
    public sealed interface Outcome permits Parsed, Invalid {
    }

    public record Parsed(ImapCommand command) implements Outcome {
    }

    /** A BAD answer for {@code tag}. */
    public record Invalid(String tag, String message) implements Outcome {
    }

    private CommandParser() {
    }

    static boolean knows(String name) {
        return CommandTable.grammar(name) != null;
    }

    static boolean takesLiterals(String name) {
        CommandGrammar grammar = CommandTable.grammar(name);
        return grammar != null && grammar.takesLiterals();
    }

    /** Whether the command's message literal is streamed to its handler rather than read by the decoder. */
    static boolean streamsMessage(String name) {
        CommandGrammar grammar = CommandTable.grammar(name);
        return grammar != null && grammar.streamsMessage();
    }

    public static Outcome parse(RawCommand raw) {
        return parse(raw, MailboxNames.MODIFIED_UTF7);
    }

    /** @param names how the session spells mailbox names (UTF-8 once it enabled UTF8=ACCEPT) */
    public static Outcome parse(RawCommand raw, MailboxNames names) {
        CommandGrammar grammar = CommandTable.grammar(raw.name());
        if (grammar == null) {
            return new Invalid(raw.tag(), "Unknown command");
        }
        TokenCursor cursor = new TokenCursor(raw.arguments(), raw.messageLiteral(), names);
        try {
            ImapCommand command = grammar.parse(raw.tag(), cursor);
            cursor.end();
            return new Parsed(command);
        } catch (SyntaxError e) {
            return new Invalid(raw.tag(), e.getMessage());
        }
    }
}
