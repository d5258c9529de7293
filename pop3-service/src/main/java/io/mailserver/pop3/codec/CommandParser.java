package io.mailserver.pop3.codec;

import io.mailserver.pop3.command.AuthCommand;
import io.mailserver.pop3.command.CapaCommand;
import io.mailserver.pop3.command.DeleCommand;
import io.mailserver.pop3.command.ListCommand;
import io.mailserver.pop3.command.NoopCommand;
import io.mailserver.pop3.command.PassCommand;
import io.mailserver.pop3.command.Pop3Command;
import io.mailserver.pop3.command.QuitCommand;
import io.mailserver.pop3.command.RetrCommand;
import io.mailserver.pop3.command.RsetCommand;
import io.mailserver.pop3.command.StatCommand;
import io.mailserver.pop3.command.StlsCommand;
import io.mailserver.pop3.command.TopCommand;
import io.mailserver.pop3.command.UidlCommand;
import io.mailserver.pop3.command.UserCommand;
import io.mailserver.pop3.command.Verb;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Parses one command line (CRLF removed) into a {@link Pop3Command}. Keywords are case-insensitive
 * (RFC 1939 §3); arguments are separated by spaces, extra spaces between and after them are
 * tolerated, except in PASS whose argument is the rest of the line, spaces included (RFC 1939 §7).
 */
public final class CommandParser {

    /** Message numbers above this are refused as arguments; no maildrop comes near it. */
    private static final int MAX_NUMBER_DIGITS = 9;
    private static final int MAX_LINES_DIGITS = 18;

    private CommandParser() {
    }

    public static Decoded parse(String line) {
        int space = line.indexOf(' ');
        String keyword = space < 0 ? line : line.substring(0, space);
        String rest = space < 0 ? "" : line.substring(space + 1);
        Optional<Verb> verb = Verb.of(keyword);
        if (verb.isEmpty()) {
            return new Decoded.Malformed("Unknown command");
        }
        if (verb.get() == Verb.PASS) {
            return rest.isEmpty() ? new Decoded.Malformed("PASS needs a password")
                    : command(new PassCommand(rest));
        }
        if (hasControlCharacter(rest)) {
            return new Decoded.Malformed("Invalid characters in arguments");
        }
        List<String> args = split(rest);
        return switch (verb.get()) {
            case USER -> args.size() == 1 ? command(new UserCommand(args.get(0)))
                    : new Decoded.Malformed("USER needs exactly one argument");
            case STAT -> noArguments(args, new StatCommand());
            case NOOP -> noArguments(args, new NoopCommand());
            case RSET -> noArguments(args, new RsetCommand());
            case QUIT -> noArguments(args, new QuitCommand());
            case CAPA -> noArguments(args, new CapaCommand());
            case STLS -> noArguments(args, new StlsCommand());
            case LIST -> optionalMessage(args).map(m -> command(new ListCommand(m)))
                    .orElseGet(() -> new Decoded.Malformed("Usage: LIST [msg]"));
            case UIDL -> optionalMessage(args).map(m -> command(new UidlCommand(m)))
                    .orElseGet(() -> new Decoded.Malformed("Usage: UIDL [msg]"));
            case RETR -> oneMessage(args).map(m -> command(new RetrCommand(m)))
                    .orElseGet(() -> new Decoded.Malformed("Usage: RETR msg"));
            case DELE -> oneMessage(args).map(m -> command(new DeleCommand(m)))
                    .orElseGet(() -> new Decoded.Malformed("Usage: DELE msg"));
            case TOP -> top(args);
            case AUTH -> auth(args);
            case PASS -> throw new IllegalStateException("handled above");
        };
    }

    private static Decoded command(Pop3Command command) {
        return new Decoded.Command(command);
    }

    private static Decoded noArguments(List<String> args, Pop3Command command) {
        return args.isEmpty() ? command(command)
                : new Decoded.Malformed(command.verb() + " takes no arguments");
    }

    /** Empty when the arguments are wrong; an empty OptionalInt when there is no argument. */
    private static Optional<OptionalInt> optionalMessage(List<String> args) {
        if (args.isEmpty()) {
            return Optional.of(OptionalInt.empty());
        }
        if (args.size() > 1) {
            return Optional.empty();
        }
        return messageNumber(args.get(0)).map(OptionalInt::of);
    }

    private static Optional<Integer> oneMessage(List<String> args) {
        return args.size() == 1 ? messageNumber(args.get(0)) : Optional.empty();
    }

    private static Decoded top(List<String> args) {
        if (args.size() != 2) {
            return new Decoded.Malformed("Usage: TOP msg n");
        }
        Optional<Integer> message = messageNumber(args.get(0));
        long lines = digits(args.get(1), MAX_LINES_DIGITS);
        if (message.isEmpty() || lines < 0) {
            return new Decoded.Malformed("Usage: TOP msg n");
        }
        return command(new TopCommand(message.get(), lines));
    }

    private static Decoded auth(List<String> args) {
        if (args.isEmpty() || args.size() > 2) {
            return new Decoded.Malformed("Usage: AUTH mechanism [initial-response]");
        }
        String mechanism = args.get(0).toUpperCase(Locale.ROOT);
        Optional<String> initial = args.size() == 2 ? Optional.of(args.get(1)) : Optional.empty();
        return command(new AuthCommand(mechanism, initial));
    }

    /** A message number (RFC 1939 §3: "msg" is a positive decimal number). */
    private static Optional<Integer> messageNumber(String text) {
        long n = digits(text, MAX_NUMBER_DIGITS);
        return n >= 1 ? Optional.of((int) n) : Optional.empty();
    }

    /** The value of a string of ASCII digits, or -1 when it is not one or has too many digits. */
    private static long digits(String text, int maxDigits) {
        String significant = stripLeadingZeros(text);
        if (text.isEmpty() || significant.length() > maxDigits) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String stripLeadingZeros(String text) {
        int i = 0;
        while (i < text.length() - 1 && text.charAt(i) == '0') {
            i++;
        }
        return text.substring(i);
    }

    private static List<String> split(String rest) {
        List<String> args = new ArrayList<>();
        int i = 0;
        while (i < rest.length()) {
            while (i < rest.length() && rest.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < rest.length() && rest.charAt(i) != ' ') {
                i++;
            }
            if (i > start) {
                args.add(rest.substring(start, i));
            }
        }
        return args;
    }

    private static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
