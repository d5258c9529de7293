package io.mailserver.imap.codec;

import java.util.List;

/**
 * A framed command: its tag, its upper-cased name and the tokens of its arguments, literals
 * included. Framing is done; the grammar of the arguments is {@link CommandParser}'s job.
 *
 * @param messageLiteral for a command that streams its message (APPEND): the literal announced at
 *                       the end of the line, whose octets are still unread; otherwise null
 */
public record RawCommand(String tag, String name, List<Token> arguments, MessageLiteral messageLiteral) {

    public RawCommand {
        arguments = List.copyOf(arguments);
    }

    public RawCommand(String tag, String name, List<Token> arguments) {
        this(tag, name, arguments, null);
    }
}
