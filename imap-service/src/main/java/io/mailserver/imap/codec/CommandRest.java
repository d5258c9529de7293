package io.mailserver.imap.codec;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What follows a message literal on its command line (RFC 9051 §6.3.12, RFC 3502 §6): nothing,
 * which ends the command, or the arguments and literal of one more message (MULTIAPPEND).
 */
public sealed interface CommandRest permits CommandRest.End, CommandRest.NextMessage, CommandRest.Invalid {

    /** The command line ended right after the literal. */
    record End() implements CommandRest {
    }

    /** {@code SP [flag-list SP] [date-time SP] literal}: tokens before the next message's literal. */
    record NextMessage(List<Token> tokens, MessageLiteral literal) implements CommandRest {
        public NextMessage {
            tokens = List.copyOf(tokens);
        }

        public TokenCursor cursor(MailboxNames names) {
            return new TokenCursor(tokens, literal, names);
        }
    }

    /**
     * Anything else. {@code announced} is a literal the line announced anyway, or null: when it
     * does not wait for a continuation its octets are on their way and must be skipped.
     */
    record Invalid(String message, MessageLiteral announced) implements CommandRest {
    }

    /**
     * Reads the rest of the line after a message literal, CRLF removed; {@code wrapped} when the
     * message was RFC 9755's {@code UTF8 (literal8)}, whose closing parenthesis comes first.
     */
    public static CommandRest parse(Buffer line, boolean wrapped) {
        if (wrapped) {
            if (line.length() == 0 || line.getByte(0) != ')') {
                LineLexer.Result announced = LineLexer.trailingLiteral(line);
                return new Invalid("Expected ) after the UTF8 message", announced.announcesLiteral()
                        ? new MessageLiteral(announced.literalSize(), announced.synchronizing(), announced.literal8())
                        : null);
            }
            line = line.getBuffer(1, line.length());
        }
        if (line.length() == 0) {
            return new End();
        }
        List<Token> tokens = new ArrayList<>();
        LineLexer.Result lexed = LineLexer.lex(line, tokens);
        LineLexer.Result announced = lexed.failed() ? LineLexer.trailingLiteral(line) : lexed;
        MessageLiteral literal = announced.announcesLiteral()
                ? new MessageLiteral(announced.literalSize(), announced.synchronizing(), announced.literal8()) : null;
        if (lexed.failed()) {
            return new Invalid(lexed.error(), literal);
        }
        if (line.getByte(0) != ' ') {
            return new Invalid("Expected a space after the literal", literal);
        }
        if (literal == null) {
            return new Invalid("Unexpected arguments after the message", null);
        }
        return new NextMessage(tokens, literal);
    }
}
