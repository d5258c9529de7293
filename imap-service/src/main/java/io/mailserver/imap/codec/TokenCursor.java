package io.mailserver.imap.codec;

import io.mailserver.imap.command.SequenceSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Reads the argument tokens of one command by their RFC 9051 §9 grammar rules: what every
 * {@link io.mailserver.imap.codec.grammar.CommandGrammar} builds its command from.
 */
public final class TokenCursor {

    private final List<Token> tokens;
    private final MessageLiteral messageLiteral;
    private final MailboxNames names;
    private int position;

    public TokenCursor(List<Token> tokens) {
        this(tokens, null, MailboxNames.MODIFIED_UTF7);
    }

    /**
     * @param messageLiteral the unread message literal that ends the arguments (APPEND), or null
     * @param names          how the session spells mailbox names
     */
    public TokenCursor(List<Token> tokens, MessageLiteral messageLiteral, MailboxNames names) {
        this.tokens = tokens;
        this.messageLiteral = messageLiteral;
        this.names = names;
    }

    /** The message literal that ends the arguments; only once the tokens before it are consumed. */
    public MessageLiteral messageLiteral() throws SyntaxError {
        if (messageLiteral == null || !atEnd()) {
            throw new SyntaxError(messageLiteral == null ? "Missing message literal" : "Unexpected arguments before the message");
        }
        return messageLiteral;
    }

    /** True when only the message literal is left. */
    public boolean atMessageLiteral() {
        return atEnd() && messageLiteral != null;
    }

    public boolean atEnd() {
        return position >= tokens.size();
    }

    public Token peek() {
        return atEnd() ? null : tokens.get(position);
    }

    public Token next() throws SyntaxError {
        if (atEnd()) {
            throw new SyntaxError("Missing argument");
        }
        return tokens.get(position++);
    }

    public void end() throws SyntaxError {
        if (!atEnd()) {
            throw new SyntaxError("Unexpected extra arguments");
        }
    }

    public boolean peekOpen() {
        return peek() == Token.Paren.OPEN;
    }

    public boolean peekClose() {
        return peek() == Token.Paren.CLOSE;
    }

    public void open() throws SyntaxError {
        if (next() != Token.Paren.OPEN) {
            throw new SyntaxError("Expected (");
        }
    }

    public void close() throws SyntaxError {
        if (next() != Token.Paren.CLOSE) {
            throw new SyntaxError("Expected )");
        }
    }

    /** A bare word, as written. */
    public String word() throws SyntaxError {
        if (next() instanceof Token.Word word) {
            return word.text();
        }
        throw new SyntaxError("Expected an atom");
    }

    /** RFC 9051 {@code atom}. */
    public String atom() throws SyntaxError {
        String text = word();
        if (!isAtom(text, false)) {
            throw new SyntaxError("Invalid atom");
        }
        return text;
    }

    /** RFC 9051 {@code astring}: atom (with "]"), quoted string or literal. */
    public String astring() throws SyntaxError {
        Token token = next();
        if (token instanceof Token.Word word) {
            if (!isAtom(word.text(), true)) {
                throw new SyntaxError("Invalid characters in atom");
            }
            return word.text();
        }
        return stringValue(token);
    }

    /** RFC 9051 {@code string}: quoted string or literal. */
    public String string() throws SyntaxError {
        return stringValue(next());
    }

    /** RFC 9051 {@code list-mailbox}: list-chars (wildcards allowed) or a string. */
    public String listMailbox() throws SyntaxError {
        Token token = next();
        if (token instanceof Token.Word word) {
            for (int i = 0; i < word.text().length(); i++) {
                char c = word.text().charAt(i);
                if (c == '{' || c == '\\') {
                    throw new SyntaxError("Invalid characters in mailbox pattern");
                }
            }
            return word.text();
        }
        return stringValue(token);
    }

    /** RFC 9051 {@code number64}. */
    public long number() throws SyntaxError {
        return parseNumber(word());
    }

    /** True when the next token is a word equal (ignoring case) to {@code keyword}; consumes it then. */
    public boolean acceptKeyword(String keyword) {
        if (peek() instanceof Token.Word word && word.text().equalsIgnoreCase(keyword)) {
            position++;
            return true;
        }
        return false;
    }

    public static long parseNumber(String text) throws SyntaxError {
        if (text.isEmpty() || text.length() > 18) {
            throw new SyntaxError("Invalid number");
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new SyntaxError("Invalid number");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String stringValue(Token token) throws SyntaxError {
        if (token instanceof Token.Quoted quoted) {
            return quoted.text();
        }
        if (token instanceof Token.Literal literal) {
            return literal.data().toString(StandardCharsets.UTF_8);
        }
        throw new SyntaxError("Expected a string");
    }

    /** ATOM-CHARs (and "]" when {@code astring}); 8-bit octets pass, for UTF-8 names (RFC 9051 §4.3). */
    public static boolean isAtom(String text, boolean astring) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c == 0x7f || "(){%*\"\\".indexOf(c) >= 0 || (c == ']' && !astring)) {
                return false;
            }
        }
        return true;
    }

    public static String upper(String text) {
        return text.toUpperCase(Locale.ROOT);
    }

    /**
     * RFC 9051 {@code mailbox}: an astring in modified UTF-7 (or UTF-8), with INBOX in any case, also
     * as the first level of a longer name, spelled "INBOX" (RFC 9051 §5.1).
     */
    public String mailbox() throws SyntaxError {
        return canonicalInbox(names.decode(astring()));
    }

    /** How this session's mailbox names are spelled on the wire. */
    public MailboxNames names() {
        return names;
    }

    private static String canonicalInbox(String name) {
        if (name.length() >= 5 && name.regionMatches(true, 0, "INBOX", 0, 5)
                && (name.length() == 5 || name.charAt(5) == '/')) {
            return "INBOX" + name.substring(5);
        }
        return name;
    }

    /** A mailbox name for a mailbox about to be made (CREATE, RENAME's target): see {@link MailboxNames#decodeNew}. */
    public String newMailbox() throws SyntaxError {
        return canonicalInbox(names.decodeNew(astring()));
    }

    /** RFC 9051 {@code nstring}: NIL (null) or a string. */
    public String nstring() throws SyntaxError {
        if (peek() instanceof Token.Word word && word.text().equalsIgnoreCase("NIL")) {
            position++;
            return null;
        }
        return string();
    }

    /** RFC 9051 {@code sequence-set}. */
    public SequenceSet sequenceSet() throws SyntaxError {
        SequenceSet set = SequenceSetParser.parse(word());
        if (set == null) {
            throw new SyntaxError("Invalid sequence set");
        }
        return set;
    }

    /** A {@code sequence-set}, or RFC 5182's {@code $} where a command may take the saved search result. */
    public SequenceSet sequenceSetOrSaved() throws SyntaxError {
        if (peek() instanceof Token.Word w && w.text().equals("$")) {
            next();
            return SequenceSet.SAVED;
        }
        return sequenceSet();
    }

    /** A system flag in canonical case, or a keyword atom (RFC 9051 §2.3.2). */
    public String flag() throws SyntaxError {
        return canonicalFlag(word());
    }

    /** A flag list: {@code (flag ...)}, possibly empty. */
    public List<String> flagList() throws SyntaxError {
        List<String> flags = new java.util.ArrayList<>();
        open();
        while (!peekClose()) {
            flags.add(flag());
        }
        close();
        return flags;
    }

    static String canonicalFlag(String text) throws SyntaxError {
        if (text.startsWith("\\")) {
            for (String system : SYSTEM_FLAGS) {
                if (system.equalsIgnoreCase(text)) {
                    return system;
                }
            }
            throw new SyntaxError("Flag cannot be stored: " + (isAtom(text.substring(1), false) ? text : "?"));
        }
        if (!isAtom(text, false)) {
            throw new SyntaxError("Invalid flag");
        }
        return text;
    }

    private static final List<String> SYSTEM_FLAGS = List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen",
            "\\Draft");
}
