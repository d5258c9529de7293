package io.mailserver.imap.codec;

import java.util.List;

/**
 * A framed command: its tag, its upper-cased name and the tokens of its arguments, literals
 * included. Framing is done; the grammar of the arguments is {@link CommandParser}'s job.
 */
public record RawCommand(String tag, String name, List<Token> arguments) {

    public RawCommand {
        arguments = List.copyOf(arguments);
    }
}
