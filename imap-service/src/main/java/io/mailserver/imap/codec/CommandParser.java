package io.mailserver.imap.codec;

import io.mailserver.imap.command.AuthenticateCommand;
import io.mailserver.imap.command.CapabilityCommand;
import io.mailserver.imap.command.CheckCommand;
import io.mailserver.imap.command.CloseCommand;
import io.mailserver.imap.command.ExpungeCommand;
import io.mailserver.imap.command.FetchCommand;
import io.mailserver.imap.command.ImapCommand;
import io.mailserver.imap.command.ListCommand;
import io.mailserver.imap.command.LoginCommand;
import io.mailserver.imap.command.LogoutCommand;
import io.mailserver.imap.command.NoopCommand;
import io.mailserver.imap.command.SearchCommand;
import io.mailserver.imap.command.SelectCommand;
import io.mailserver.imap.command.SequenceSet;
import io.mailserver.imap.command.StartTlsCommand;
import io.mailserver.imap.command.StoreCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a framed {@link RawCommand} into an {@link ImapCommand} record by the grammar of
 * RFC 9051 §9 (with the RFC 3501 forms IMAP4rev1 clients use). Pure: no session, no I/O.
 */
public final class CommandParser {

    /** Known commands, and whether their arguments may contain strings (and so literals). */
    private static final Map<String, Boolean> COMMANDS = Map.ofEntries(
            Map.entry("CAPABILITY", false), Map.entry("NOOP", false), Map.entry("LOGOUT", false),
            Map.entry("STARTTLS", false), Map.entry("LOGIN", true), Map.entry("AUTHENTICATE", false),
            Map.entry("LIST", true), Map.entry("LSUB", true), Map.entry("SELECT", true), Map.entry("EXAMINE", true),
            Map.entry("CLOSE", false), Map.entry("UNSELECT", false), Map.entry("CHECK", false),
            Map.entry("EXPUNGE", false), Map.entry("FETCH", true), Map.entry("STORE", false),
            Map.entry("SEARCH", true), Map.entry("UID", true));

    private static final List<String> SYSTEM_FLAGS = List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen",
            "\\Draft");

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
        return COMMANDS.containsKey(name);
    }

    static boolean takesLiterals(String name) {
        return COMMANDS.getOrDefault(name, false);
    }

    public static Outcome parse(RawCommand raw) {
        TokenCursor cursor = new TokenCursor(raw.arguments());
        try {
            ImapCommand command = parse(raw.tag(), raw.name(), cursor);
            cursor.end();
            return new Parsed(command);
        } catch (SyntaxError e) {
            return new Invalid(raw.tag(), e.getMessage());
        }
    }

    private static ImapCommand parse(String tag, String name, TokenCursor c) throws SyntaxError {
        return switch (name) {
            case "CAPABILITY" -> new CapabilityCommand(tag);
            case "NOOP" -> new NoopCommand(tag);
            case "LOGOUT" -> new LogoutCommand(tag);
            case "STARTTLS" -> new StartTlsCommand(tag);
            case "CHECK" -> new CheckCommand(tag);
            case "CLOSE" -> new CloseCommand(tag, true);
            case "UNSELECT" -> new CloseCommand(tag, false);
            case "EXPUNGE" -> new ExpungeCommand(tag);
            case "LOGIN" -> new LoginCommand(tag, c.astring(), c.astring());
            case "AUTHENTICATE" -> authenticate(tag, c);
            case "LIST" -> new ListCommand(tag, ModifiedUtf7.decode(c.astring()), ModifiedUtf7.decode(c.listMailbox()),
                    false);
            case "LSUB" -> new ListCommand(tag, ModifiedUtf7.decode(c.astring()), ModifiedUtf7.decode(c.listMailbox()),
                    true);
            case "SELECT" -> new SelectCommand(tag, mailbox(c), false);
            case "EXAMINE" -> new SelectCommand(tag, mailbox(c), true);
            case "FETCH" -> fetch(tag, c, false);
            case "STORE" -> store(tag, c, false);
            case "SEARCH" -> search(tag, c, false);
            case "UID" -> uid(tag, c);
            default -> throw new SyntaxError("Unknown command");
        };
    }

    private static ImapCommand uid(String tag, TokenCursor c) throws SyntaxError {
        String sub = TokenCursor.upper(c.word());
        return switch (sub) {
            case "FETCH" -> fetch(tag, c, true);
            case "STORE" -> store(tag, c, true);
            case "SEARCH" -> search(tag, c, true);
            default -> throw new SyntaxError("Unknown UID command");
        };
    }

    private static AuthenticateCommand authenticate(String tag, TokenCursor c) throws SyntaxError {
        String mechanism = TokenCursor.upper(c.atom());
        String initial = null;
        if (!c.atEnd()) {
            initial = c.word();
            if (!initial.equals("=") && !isBase64(initial)) {
                throw new SyntaxError("Invalid initial response");
            }
        }
        return new AuthenticateCommand(tag, mechanism, initial);
    }

    private static String mailbox(TokenCursor c) throws SyntaxError {
        String name = ModifiedUtf7.decode(c.astring());
        return name.equalsIgnoreCase("INBOX") ? "INBOX" : name;
    }

    private static FetchCommand fetch(String tag, TokenCursor c, boolean uid) throws SyntaxError {
        SequenceSet set = sequenceSet(c);
        return new FetchCommand(tag, set, FetchAttributeParser.parse(c), uid);
    }

    private static StoreCommand store(String tag, TokenCursor c, boolean uid) throws SyntaxError {
        SequenceSet set = sequenceSet(c);
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
        List<String> flags = new ArrayList<>();
        if (c.peekOpen()) {
            c.open();
            while (!c.peekClose()) {
                flags.add(flag(c.word()));
            }
            c.close();
        } else {
            do {
                flags.add(flag(c.word()));
            } while (!c.atEnd());
        }
        return new StoreCommand(tag, set, mode, silent, flags, uid);
    }

    private static SearchCommand search(String tag, TokenCursor c, boolean uid) throws SyntaxError {
        String charset = null;
        if (c.acceptKeyword("CHARSET")) {
            charset = TokenCursor.upper(c.astring());
        }
        if (c.atEnd()) {
            throw new SyntaxError("Missing search key");
        }
        return new SearchCommand(tag, charset, SearchKeyParser.parseAll(c), uid);
    }

    private static SequenceSet sequenceSet(TokenCursor c) throws SyntaxError {
        SequenceSet set = SequenceSetParser.parse(c.word());
        if (set == null) {
            throw new SyntaxError("Invalid sequence set");
        }
        return set;
    }

    /** A system flag in canonical case, or a keyword atom (RFC 9051 §2.3.2). */
    static String flag(String text) throws SyntaxError {
        if (text.startsWith("\\")) {
            for (String system : SYSTEM_FLAGS) {
                if (system.equalsIgnoreCase(text)) {
                    return system;
                }
            }
            throw new SyntaxError("Flag cannot be stored: " + (TokenCursor.isAtom(text.substring(1), false) ? text : "?"));
        }
        if (!TokenCursor.isAtom(text, false)) {
            throw new SyntaxError("Invalid flag");
        }
        return text;
    }

    private static boolean isBase64(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '+'
                    || ch == '/' || ch == '=';
            if (!ok) {
                return false;
            }
        }
        return !text.isEmpty();
    }
}
