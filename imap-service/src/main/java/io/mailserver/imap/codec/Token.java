package io.mailserver.imap.codec;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * A lexical token of a command (RFC 9051 §4): a bare word (atom, number, sequence set, flag,
 * {@code BODY[...]} fragment), a quoted string, a literal, or a parenthesis. The lexer does not know
 * the grammar; {@link CommandParser} decides what a word means where it stands.
 */
public sealed interface Token permits Token.Word, Token.Quoted, Token.Literal, Token.Paren {

    /** A run of characters other than SP, parentheses, quotes and controls. */
    record Word(String text) implements Token {
    }

    /** A quoted string with its escapes resolved, decoded as UTF-8. */
    record Quoted(String text) implements Token {
    }

    /** A literal's octets, kept as bytes. */
    record Literal(Buffer data) implements Token {
        public String utf8() {
            return data.toString(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            // literals may be passwords: never print their content
            return "Literal[" + data.length() + " octets]";
        }
    }

    enum Paren implements Token {
        OPEN, CLOSE
    }
}
