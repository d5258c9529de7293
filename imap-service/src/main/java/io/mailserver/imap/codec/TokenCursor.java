package io.mailserver.imap.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Reads the argument tokens of one command by their RFC 9051 §9 grammar rules. */
final class TokenCursor {

    private final List<Token> tokens;
    private int position;

    TokenCursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    boolean atEnd() {
        return position >= tokens.size();
    }

    Token peek() {
        return atEnd() ? null : tokens.get(position);
    }

    Token next() throws SyntaxError {
        if (atEnd()) {
            throw new SyntaxError("Missing argument");
        }
        return tokens.get(position++);
    }

    void end() throws SyntaxError {
        if (!atEnd()) {
            throw new SyntaxError("Unexpected extra arguments");
        }
    }

    boolean peekOpen() {
        return peek() == Token.Paren.OPEN;
    }

    boolean peekClose() {
        return peek() == Token.Paren.CLOSE;
    }

    void open() throws SyntaxError {
        if (next() != Token.Paren.OPEN) {
            throw new SyntaxError("Expected (");
        }
    }

    void close() throws SyntaxError {
        if (next() != Token.Paren.CLOSE) {
            throw new SyntaxError("Expected )");
        }
    }

    /** A bare word, as written. */
    String word() throws SyntaxError {
        if (next() instanceof Token.Word word) {
            return word.text();
        }
        throw new SyntaxError("Expected an atom");
    }

    /** RFC 9051 {@code atom}. */
    String atom() throws SyntaxError {
        String text = word();
        if (!isAtom(text, false)) {
            throw new SyntaxError("Invalid atom");
        }
        return text;
    }

    /** RFC 9051 {@code astring}: atom (with "]"), quoted string or literal. */
    String astring() throws SyntaxError {
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
    String string() throws SyntaxError {
        return stringValue(next());
    }

    /** RFC 9051 {@code list-mailbox}: list-chars (wildcards allowed) or a string. */
    String listMailbox() throws SyntaxError {
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
    long number() throws SyntaxError {
        return parseNumber(word());
    }

    /** True when the next token is a word equal (ignoring case) to {@code keyword}; consumes it then. */
    boolean acceptKeyword(String keyword) {
        if (peek() instanceof Token.Word word && word.text().equalsIgnoreCase(keyword)) {
            position++;
            return true;
        }
        return false;
    }

    static long parseNumber(String text) throws SyntaxError {
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
    static boolean isAtom(String text, boolean astring) {
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

    static String upper(String text) {
        return text.toUpperCase(Locale.ROOT);
    }
}
