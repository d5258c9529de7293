package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.ImapDate;
import io.mailserver.imap.codec.MailboxNames;
import io.mailserver.imap.codec.MessageLiteral;
import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.Token;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.AppendCommand;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * RFC 9051 §6.3.12: {@code APPEND SP mailbox [SP flag-list] [SP date-time] SP literal}. The
 * literal is the message, streamed by the handler; {@link #message} reads the same arguments for
 * each further message of a MULTIAPPEND (RFC 3502). The literal may be a literal8 (RFC 3516) and,
 * once the session enabled UTF8=ACCEPT, wrapped as {@code UTF8 (literal8)} (RFC 9755 §4).
 */
public final class AppendGrammar implements CommandGrammar {

    @Override
    public String name() {
        return "APPEND";
    }

    @Override
    public boolean takesLiterals() {
        return true;
    }

    @Override
    public boolean streamsMessage() {
        return true;
    }

    @Override
    public AppendCommand parse(String tag, TokenCursor c) throws SyntaxError {
        String mailbox = c.mailbox();
        Message message = message(c);
        return new AppendCommand(tag, mailbox, message.flags(), message.internalDate(), message.literal(),
                message.utf8());
    }

    /** One message's arguments; {@code utf8} when it came as {@code UTF8 (literal8)}. */
    public record Message(List<String> flags, OffsetDateTime internalDate, MessageLiteral literal, boolean utf8) {
    }

    /** {@code [flag-list SP] [date-time SP] literal}, the literal unread. */
    public static Message message(TokenCursor c) throws SyntaxError {
        List<String> flags = List.of();
        if (c.peekOpen()) {
            flags = c.flagList();
        }
        OffsetDateTime date = null;
        if (c.peek() instanceof Token.Quoted) {
            date = ImapDate.parseDateTime(c.string());
            if (date == null) {
                throw new SyntaxError("Invalid date-time");
            }
        }
        if (c.peek() instanceof Token.Word word && word.text().equalsIgnoreCase("UTF8")) {
            if (c.names() != MailboxNames.UTF8) {
                throw new SyntaxError("APPEND UTF8 needs ENABLE UTF8=ACCEPT first");
            }
            c.word();
            c.open();
            MessageLiteral literal = c.messageLiteral();
            if (!literal.literal8()) {
                throw new SyntaxError("APPEND UTF8 takes a literal8");
            }
            return new Message(flags, date, literal, true);
        }
        return new Message(flags, date, c.messageLiteral(), false);
    }
}
