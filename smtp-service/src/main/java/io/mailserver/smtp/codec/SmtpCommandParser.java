package io.mailserver.smtp.codec;

import io.mailserver.smtp.command.BodyType;
import io.mailserver.smtp.command.MailAddress;
import io.mailserver.smtp.command.MailParameters;
import io.mailserver.smtp.command.RcptParameters;
import io.mailserver.smtp.dsn.Notify;
import io.mailserver.smtp.dsn.OriginalRecipient;
import io.mailserver.smtp.dsn.Ret;
import io.mailserver.smtp.dsn.Xtext;
import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.command.SmtpCommand.Malformed;
import io.mailserver.smtp.command.SmtpCommand.Problem;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one command line (CRLF already removed) into a {@link SmtpCommand}. Pure and stateless:
 * whether a command is allowed in the current state is not its concern.
 *
 * <p>Verbs and parameter keywords are case-insensitive (RFC 5321 §2.4). Tolerated departures from
 * the grammar, because widespread clients produce them: spaces between {@code FROM:}/{@code TO:}
 * and the path, several spaces between arguments, and trailing spaces.
 */
public final class SmtpCommandParser {

    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");
    /** RFC 5321 §4.1.2 esmtp-value: any CHAR except "=", SP and controls. */
    /** RFC 5321 esmtp-value, with RFC 6531 §3.3's UTF-8 (the line was checked by {@link Utf8Arguments}). */
    private static final Pattern VALUE = Pattern.compile("[\\x21-\\x3c\\x3e-\\x7e\\x{80}-\\x{10FFFF}]+");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,20}");
    /** EHLO/HELO argument: one token of visible ASCII (a domain or an address literal). */
    private static final Pattern CLIENT_NAME = Pattern.compile("[\\x21-\\x7e]{1,255}");
    /** SASL mechanism name (RFC 4422 §3.1). */
    private static final Pattern MECHANISM = Pattern.compile("[A-Za-z0-9_-]{1,20}");
    /** Up to 18 digits: any such count fits a long, and none could be sent anyway. */
    private static final Pattern CHUNK_SIZE = Pattern.compile("[0-9]{1,18}");
    /** RFC 3461 §4.4: an ENVID is at most 100 characters. */
    private static final int MAX_ENVID = 100;

    private SmtpCommandParser() {
    }

    public static SmtpCommand parse(String line) {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String rest = space < 0 ? "" : stripTrailing(line.substring(space + 1));
        if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
            return new Malformed(printableVerb(verb), Problem.BARE_LINE_BREAK, "Bare CR or LF in command line");
        }
        return switch (verb) {
            case "EHLO", "HELO" -> greeting(verb, rest);
            case "MAIL" -> mail(rest);
            case "RCPT" -> rcpt(rest);
            case "DATA" -> noArguments(verb, rest, new SmtpCommand.Data());
            case "RSET" -> noArguments(verb, rest, new SmtpCommand.Rset());
            case "QUIT" -> noArguments(verb, rest, new SmtpCommand.Quit());
            case "STARTTLS" -> noArguments(verb, rest, new SmtpCommand.StartTls());
            case "NOOP" -> new SmtpCommand.Noop();
            case "HELP" -> new SmtpCommand.Help(rest.strip());
            case "VRFY" -> rest.isBlank() ? syntax(verb, "VRFY needs an argument") : new SmtpCommand.Vrfy(rest.strip());
            case "AUTH" -> auth(rest);
            case "BDAT" -> bdat(rest);
            default -> new SmtpCommand.Unknown(printableVerb(verb));
        };
    }

    /** {@code EHLO domain} / {@code HELO domain}: one token; a client sending more is broken. */
    private static SmtpCommand greeting(String verb, String rest) {
        String name = rest.strip();
        if (!CLIENT_NAME.matcher(name).matches()) {
            return syntax(verb, verb + " needs a domain or address literal");
        }
        return verb.equals("EHLO") ? new SmtpCommand.Ehlo(name) : new SmtpCommand.Helo(name);
    }

    private static SmtpCommand noArguments(String verb, String rest, SmtpCommand command) {
        return rest.isBlank() ? command : syntax(verb, verb + " takes no arguments");
    }

    /** {@code MAIL FROM:<reverse-path> [SP Mail-parameters]} (RFC 5321 §4.1.1.2). */
    private static SmtpCommand mail(String octets) {
        String rest = Utf8Arguments.decode(octets);
        if (rest == null) {
            return new Malformed("MAIL", Problem.BAD_SENDER, "Sender address is not valid UTF-8 text");
        }
        if (!rest.regionMatches(true, 0, "FROM:", 0, 5)) {
            return syntax("MAIL", "Syntax: MAIL FROM:<address>");
        }
        int at = skipSpaces(rest, 5);
        if (at >= rest.length() || rest.charAt(at) != '<') {
            return new Malformed("MAIL", Problem.BAD_SENDER, "Sender address must be in angle brackets");
        }
        MailboxSyntax.PathRead path = MailboxSyntax.readPath(rest, at, true);
        if (path == null) {
            return new Malformed("MAIL", Problem.BAD_SENDER, "Bad sender address syntax");
        }
        if (path.end() < rest.length() && rest.charAt(path.end()) != ' ') {
            return syntax("MAIL", "Syntax: MAIL FROM:<address> [parameters]");
        }
        OptionalLong size = OptionalLong.empty();
        BodyType body = BodyType.UNSPECIFIED;
        Ret ret = Ret.UNSPECIFIED;
        String envid = "";
        boolean smtputf8 = false;
        boolean requireTls = false;
        Set<String> seen = new HashSet<>();
        for (String parameter : parameters(rest, path.end())) {
            int eq = parameter.indexOf('=');
            String keyword = (eq < 0 ? parameter : parameter.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? null : parameter.substring(eq + 1);
            if (!KEYWORD.matcher(keyword).matches() || (value != null && !VALUE.matcher(value).matches())) {
                return syntax("MAIL", "Bad parameter syntax");
            }
            if (!seen.add(keyword)) {
                return syntax("MAIL", "Duplicate parameter " + keyword);
            }
            switch (keyword) {
                case "SIZE" -> {
                    // RFC 1870 §6: size-value = 1*20DIGIT
                    if (value == null || !DIGITS.matcher(value).matches()) {
                        return syntax("MAIL", "Bad SIZE value");
                    }
                    size = OptionalLong.of(parseSize(value));
                }
                case "BODY" -> {
                    String kind = value == null ? "" : value.toUpperCase(Locale.ROOT);
                    if (kind.equals("7BIT")) {
                        body = BodyType.SEVEN_BIT;
                    } else if (kind.equals("8BITMIME")) {
                        body = BodyType.EIGHT_BIT_MIME;
                    } else {
                        // the value is not echoed: since RFC 6531 it may be any UTF-8, which has no place in a reply
                        return new Malformed("MAIL", Problem.UNSUPPORTED_PARAMETER, "BODY type not supported");
                    }
                }
                case "SMTPUTF8" -> {
                    // RFC 6531 §3.4: a keyword without a value
                    if (value != null) {
                        return syntax("MAIL", "SMTPUTF8 takes no value");
                    }
                    smtputf8 = true;
                }
                case "REQUIRETLS" -> {
                    // RFC 8689 §3: a keyword without a value
                    if (value != null) {
                        return syntax("MAIL", "REQUIRETLS takes no value");
                    }
                    requireTls = true;
                }
                case "RET" -> {
                    String kind = value == null ? "" : value.toUpperCase(Locale.ROOT);
                    if (!kind.equals("FULL") && !kind.equals("HDRS")) {
                        return syntax("MAIL", "RET must be FULL or HDRS");
                    }
                    ret = kind.equals("FULL") ? Ret.FULL : Ret.HDRS;
                }
                case "ENVID" -> {
                    Optional<String> decoded = value == null || value.length() > MAX_ENVID ? Optional.empty() : Xtext.decode(value);
                    if (decoded.isEmpty()) {
                        return syntax("MAIL", "ENVID must be xtext of printable characters, at most 100");
                    }
                    // kept as xtext: passed on as given, decoded only into a report
                    envid = value;
                }
                default -> {
                    return new Malformed("MAIL", Problem.UNSUPPORTED_PARAMETER, "Parameter " + keyword + " not supported");
                }
            }
        }
        return new SmtpCommand.Mail(Optional.ofNullable(path.mailbox()), new MailParameters(size, body, ret, envid, smtputf8,
                requireTls));
    }

    /** {@code RCPT TO:<forward-path> [SP Rcpt-parameters]} (RFC 5321 §4.1.1.3). */
    private static SmtpCommand rcpt(String octets) {
        String rest = Utf8Arguments.decode(octets);
        if (rest == null) {
            return new Malformed("RCPT", Problem.BAD_RECIPIENT, "Recipient address is not valid UTF-8 text");
        }
        if (!rest.regionMatches(true, 0, "TO:", 0, 3)) {
            return syntax("RCPT", "Syntax: RCPT TO:<address>");
        }
        int at = skipSpaces(rest, 3);
        if (at >= rest.length() || rest.charAt(at) != '<') {
            return new Malformed("RCPT", Problem.BAD_RECIPIENT, "Recipient address must be in angle brackets");
        }
        MailAddress recipient;
        int end;
        // RFC 5321 §4.5.1: "<Postmaster>" without a domain must be accepted.
        if (rest.regionMatches(true, at, "<postmaster>", 0, 12)) {
            recipient = MailAddress.postmaster();
            end = at + 12;
        } else {
            MailboxSyntax.PathRead path = MailboxSyntax.readPath(rest, at, false);
            if (path == null) {
                return new Malformed("RCPT", Problem.BAD_RECIPIENT, "Bad recipient address syntax");
            }
            recipient = path.mailbox();
            end = path.end();
        }
        if (end < rest.length() && rest.charAt(end) != ' ') {
            return syntax("RCPT", "Syntax: RCPT TO:<address> [parameters]");
        }
        Notify notify = Notify.DEFAULT;
        Optional<OriginalRecipient> original = Optional.empty();
        Set<String> seen = new HashSet<>();
        for (String parameter : parameters(rest, end)) {
            int eq = parameter.indexOf('=');
            String keyword = (eq < 0 ? parameter : parameter.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? null : parameter.substring(eq + 1);
            if (!KEYWORD.matcher(keyword).matches() || (value != null && !VALUE.matcher(value).matches())) {
                return syntax("RCPT", "Bad parameter syntax");
            }
            if (!seen.add(keyword)) {
                return syntax("RCPT", "Duplicate parameter " + keyword);
            }
            switch (keyword) {
                case "NOTIFY" -> {
                    Optional<Notify> parsed = value == null ? Optional.empty() : Notify.parse(value);
                    if (parsed.isEmpty()) {
                        return syntax("RCPT", "NOTIFY must be NEVER or a list of SUCCESS, FAILURE, DELAY");
                    }
                    notify = parsed.get();
                }
                case "ORCPT" -> {
                    original = value == null ? Optional.empty() : OriginalRecipient.parse(value);
                    if (original.isEmpty()) {
                        return syntax("RCPT", "ORCPT must be addr-type;xtext of printable characters");
                    }
                }
                default -> {
                    return new Malformed("RCPT", Problem.UNSUPPORTED_PARAMETER, "Parameter " + keyword + " not supported");
                }
            }
        }
        return new SmtpCommand.Rcpt(recipient, new RcptParameters(notify, original));
    }

    /** {@code BDAT chunk-size [LAST]} (RFC 3030 §2); chunk-size is 1*DIGIT. */
    private static SmtpCommand bdat(String rest) {
        String[] parts = rest.strip().split(" +");
        boolean last = parts.length == 2 && parts[1].equalsIgnoreCase("LAST");
        if (parts.length == 0 || parts.length > 2 || parts.length == 2 && !last || !CHUNK_SIZE.matcher(parts[0]).matches()) {
            return new Malformed("BDAT", Problem.UNFRAMED_CHUNK, "Syntax: BDAT chunk-size [LAST]");
        }
        return new SmtpCommand.Bdat(Long.parseLong(parts[0]), last);
    }

    /** {@code AUTH mechanism [initial-response]} (RFC 4954 §4). */
    private static SmtpCommand auth(String rest) {
        String[] parts = rest.strip().split(" +");
        if (parts.length == 0 || parts.length > 2 || !MECHANISM.matcher(parts[0]).matches()) {
            return syntax("AUTH", "Syntax: AUTH mechanism [initial-response]");
        }
        return new SmtpCommand.Auth(parts[0].toUpperCase(Locale.ROOT),
                parts.length == 2 ? Optional.of(parts[1]) : Optional.empty());
    }

    private static String[] parameters(String rest, int from) {
        String tail = rest.substring(from).strip();
        return tail.isEmpty() ? new String[0] : tail.split(" +");
    }

    private static long parseSize(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static Malformed syntax(String verb, String detail) {
        return new Malformed(verb, Problem.SYNTAX, detail);
    }

    /** The verb as it may appear in a metric tag or log: bounded, visible ASCII only. */
    private static String printableVerb(String verb) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < verb.length() && out.length() < 16; i++) {
            char c = verb.charAt(i);
            out.append(c > 32 && c < 127 ? c : '?');
        }
        return out.toString();
    }
}
