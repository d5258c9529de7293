package io.mailserver.imap.codec;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits one command line (CRLF removed) into tokens, in a single pass. A line may end with a
 * literal announcement {@code {n}} or {@code {n+}} (RFC 9051 §4.3, RFC 7888), or a literal8
 * {@code ~{n}} (RFC 3516, APPEND only); its octets follow the line and are read by
 * {@link ImapDecoder}, never by the lexer.
 */
final class LineLexer {

    /** What one line contained beyond its tokens. */
    record Result(String error, long literalSize, boolean synchronizing, boolean literal8) {

        static final Result END = new Result(null, -1, false, false);

        static Result error(String message) {
            return new Result(message, -1, false, false);
        }

        boolean failed() {
            return error != null;
        }

        boolean announcesLiteral() {
            return literalSize >= 0;
        }
    }

    private static final int MAX_LITERAL_DIGITS = 18;

    private LineLexer() {
    }

    /** Appends the tokens of {@code line} to {@code out}; on an error the tokens before it stay. */
    static Result lex(Buffer line, List<Token> out) {
        int n = line.length();
        int i = 0;
        while (i < n) {
            byte b = line.getByte(i);
            switch (b) {
                case ' ' -> i++;
                case '(' -> {
                    out.add(Token.Paren.OPEN);
                    i++;
                }
                case ')' -> {
                    out.add(Token.Paren.CLOSE);
                    i++;
                }
                case '"' -> {
                    ByteArrayOutputStream text = new ByteArrayOutputStream();
                    int j = i + 1;
                    boolean closed = false;
                    while (j < n) {
                        byte c = line.getByte(j);
                        if (c == '"') {
                            closed = true;
                            break;
                        }
                        if (c == '\\') {
                            if (j + 1 >= n) {
                                return Result.error("Unterminated quoted string");
                            }
                            byte escaped = line.getByte(j + 1);
                            if (escaped != '"' && escaped != '\\') {
                                return Result.error("Invalid escape in quoted string");
                            }
                            text.write(escaped);
                            j += 2;
                            continue;
                        }
                        if (c == 0) {
                            return Result.error("NUL in quoted string");
                        }
                        text.write(c);
                        j++;
                    }
                    if (!closed) {
                        return Result.error("Unterminated quoted string");
                    }
                    out.add(new Token.Quoted(text.toString(StandardCharsets.UTF_8)));
                    i = j + 1;
                }
                case '{' -> {
                    return literalAnnouncement(line, i, false);
                }
                case '~' -> {
                    if (i + 1 < n && line.getByte(i + 1) == '{') {
                        return literalAnnouncement(line, i + 1, true);
                    }
                    i = atom(line, i, out);
                    if (i < 0) {
                        return Result.error(i == QUOTE_IN_ATOM ? "Quote inside an atom" : "Control character in command");
                    }
                }
                default -> {
                    i = atom(line, i, out);
                    if (i < 0) {
                        return Result.error(i == QUOTE_IN_ATOM ? "Quote inside an atom" : "Control character in command");
                    }
                }
            }
        }
        return Result.END;
    }

    private static final int QUOTE_IN_ATOM = -1;
    private static final int CONTROL_IN_ATOM = -2;

    /** Adds the word starting at {@code i}; the index after it, or a negative error. */
    private static int atom(Buffer line, int i, List<Token> out) {
        int n = line.length();
        int j = i;
        while (j < n) {
            byte c = line.getByte(j);
            if (c == ' ' || c == '(' || c == ')') {
                break;
            }
            if (c == '"') {
                return QUOTE_IN_ATOM;
            }
            if ((c >= 0 && c < 0x20) || c == 0x7f) {
                return CONTROL_IN_ATOM;
            }
            j++;
        }
        out.add(new Token.Word(line.getString(i, j, StandardCharsets.UTF_8.name())));
        return j;
    }

    /**
     * The literal announcement ending {@code line}, looked for from the end, for a line the lexer
     * rejected: a non-synchronising literal announced there is coming anyway and must be skipped.
     */
    static Result trailingLiteral(Buffer line) {
        int end = line.length() - 1;
        if (end < 2 || line.getByte(end) != '}') {
            return Result.END;
        }
        int j = end - 1;
        if (line.getByte(j) == '+') {
            j--;
        }
        while (j >= 0 && line.getByte(j) >= '0' && line.getByte(j) <= '9') {
            j--;
        }
        if (j < 0 || line.getByte(j) != '{') {
            return Result.END;
        }
        Result result = literalAnnouncement(line, j, j > 0 && line.getByte(j - 1) == '~');
        return result.failed() ? Result.END : result;
    }

    /** {@code {digits}} or {@code {digits+}} closing the line ({@code literal8}: after a "~"). */
    private static Result literalAnnouncement(Buffer line, int start, boolean literal8) {
        int n = line.length();
        int j = start + 1;
        long size = 0;
        int digits = 0;
        while (j < n && line.getByte(j) >= '0' && line.getByte(j) <= '9') {
            if (++digits > MAX_LITERAL_DIGITS) {
                return Result.error("Literal size out of range");
            }
            size = size * 10 + (line.getByte(j) - '0');
            j++;
        }
        if (digits == 0) {
            return Result.error("Invalid literal announcement");
        }
        boolean synchronizing = true;
        if (j < n && line.getByte(j) == '+') {
            synchronizing = false;
            j++;
        }
        if (j >= n || line.getByte(j) != '}') {
            return Result.error("Invalid literal announcement");
        }
        if (j != n - 1) {
            return Result.error("Literal announcement must end the line");
        }
        return new Result(null, size, synchronizing, literal8);
    }
}
