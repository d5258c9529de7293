package io.mailserver.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.protocol.io.InputBuffer;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ImapDecoderTest {

    private static final int LINE_LIMIT = 200;
    private static final long LITERAL_LIMIT = 64;

    /** Sample conversations and what the decoder must make of them, whatever the chunking. */
    private static final String[][] SAMPLES = {
            {"a1 NOOP\r\n", "CMD a1 NOOP []"},
            {"a1 noop\r\nA2 Capability\r\n", "CMD a1 NOOP [] | CMD A2 CAPABILITY []"},
            {"a2 LOGIN \"us\\\"er\" {5}\r\npa ss\r\n",
                    "CONTINUE | CMD a2 LOGIN [Q(us\"er), L(pa ss)]"},
            {"a3 LOGIN {4+}\r\nuser {4+}\r\npass\r\n", "CMD a3 LOGIN [L(user), L(pass)]"},
            {"a4 LOGIN {6}\r\nab\r\ncd {0}\r\n\r\n", "CONTINUE | CONTINUE | CMD a4 LOGIN [L(ab\r\ncd), L()]"},
            {"a5 FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (From To)]<0.100>)\r\n",
                    "CMD a5 FETCH [W(1:*), (, W(FLAGS), W(BODY.PEEK[HEADER.FIELDS), (, W(From), W(To), ), W(]<0.100>), )]"},
            {"a6 SELECT \"Ünïcode\"\r\n", "CMD a6 SELECT [Q(Ünïcode)]"},
            {"a7 LOGIN \"unterminated\r\na8 NOOP\r\n", "BAD a7 SYNTAX | CMD a8 NOOP []"},
            {"a9 FROB x\r\n", "BAD a9 UNKNOWN_COMMAND"},
            {"* NOOP\r\n", "BAD null SYNTAX"},
            {"\r\n", "BAD null SYNTAX"},
            {"b1\r\n", "BAD b1 SYNTAX"},
            {"b2 NOOP {3}\r\nb3 NOOP\r\n", "BAD b2 SYNTAX | CMD b3 NOOP []"},
            {"b4 FROB {3+}\r\nabc more\r\nb5 NOOP\r\n", "BAD b4 UNKNOWN_COMMAND | CMD b5 NOOP []"},
            {"b6 LOGIN {999}\r\nb7 NOOP\r\n", "BAD b6 LITERAL_TOO_BIG | CMD b7 NOOP []"},
            {"b8 LOGIN {999}\r\nlots of literal data\r\n", "BAD b8 LITERAL_TOO_BIG | BAD null REFUSED_LITERAL_SENT"},
            {"b9 LOGIN {999+}\r\n", "BAD b9 NON_SYNC_LITERAL_TOO_BIG"},
            {"c1 LOGIN a {5\r\n", "BAD c1 SYNTAX"},
            {"c2 LOGIN a b\r\r\n", "BAD c2 SYNTAX"},
            {"c3 LOGIN a\nb c\r\n", "BAD c3 SYNTAX"},
            {"x".repeat(300) + "\r\nc4 NOOP\r\n", "BAD null LINE_TOO_LONG | CMD c4 NOOP []"},
            // APPEND's message literal is handed over unread; here the "handler" refuses it, so the
            // rest of the command is skipped and none of it is ever a command
            {"d1 APPEND INBOX (\\Seen) {11+}\r\nd2 LOGOUT\r\n\r\nd3 NOOP\r\n",
                    "CMD d1 APPEND [W(INBOX), (, W(\\Seen), )] MSG(11+) | BAD null DISCARDED | CMD d3 NOOP []"},
            {"d4 APPEND {5}\r\nINBOX {3+}\r\nabc {2+}\r\nxy\r\nd5 NOOP\r\n",
                    "CONTINUE | CMD d4 APPEND [L(INBOX)] MSG(3+) | BAD null DISCARDED | CMD d5 NOOP []"},
            {"d6 APPEND INBOX {3}\r\nd7 NOOP\r\n", "CMD d6 APPEND [W(INBOX)] MSG(3) | CMD d7 NOOP []"},
            {"d8 APPEND INBOX {3+}\r\nabc {99}\r\nd9 NOOP\r\n",
                    "CMD d8 APPEND [W(INBOX)] MSG(3+) | BAD null DISCARDED | CMD d9 NOOP []"},
            {"e1 APPEND INBOX {65+}\r\n", "BAD e1 NON_SYNC_LITERAL_TOO_BIG"},
            {"e2 APPEND INBOX {65}\r\ne3 NOOP\r\n", "BAD e2 LITERAL_TOO_BIG | CMD e3 NOOP []"},
            // RFC 3516 literal8: an APPEND's message may come as one, nothing else may
            {"f1 APPEND INBOX ~{3}\r\nf2 NOOP\r\n", "CMD f1 APPEND [W(INBOX)] MSG(~3) | CMD f2 NOOP []"},
            {"f3 APPEND INBOX ~{3+}\r\nabc {1+}\r\nx\r\nf4 NOOP\r\n",
                    "CMD f3 APPEND [W(INBOX)] MSG(~3+) | BAD null DISCARDED | CMD f4 NOOP []"},
            {"f5 LOGIN ~{4}\r\nf6 NOOP\r\n", "BAD f5 SYNTAX | CMD f6 NOOP []"},
            {"f7 LOGIN ~{4+}\r\nuser pass\r\nf8 NOOP\r\n", "BAD f7 SYNTAX | CMD f8 NOOP []"},
            {"f9 LOGIN ~x y\r\n", "CMD f9 LOGIN [W(~x), W(y)]"},
    };

    @Test
    void everySampleDecodesTheSameAtEveryByteBoundary() {
        for (String[] sample : SAMPLES) {
            byte[] input = sample[0].getBytes(StandardCharsets.UTF_8);
            String expected = sample[1];
            assertThat(decode(input, List.of())).as("whole: %s", sample[0]).isEqualTo(expected);
            for (int split = 1; split < input.length; split++) {
                assertThat(decode(input, List.of(split))).as("split at %d: %s", split, sample[0]).isEqualTo(expected);
            }
            List<Integer> everyByte = new ArrayList<>();
            for (int i = 1; i < input.length; i++) {
                everyByte.add(i);
            }
            assertThat(decode(input, everyByte)).as("byte by byte: %s", sample[0]).isEqualTo(expected);
        }
    }

    @Test
    void limitsCanBeRaisedAfterAuthentication() {
        ImapDecoder decoder = new ImapDecoder(LINE_LIMIT, LITERAL_LIMIT);
        InputBuffer in = new InputBuffer();
        in.append(Buffer.buffer("a LOGIN {100}\r\n"));
        assertThat(describe(decoder.decode(in))).isEqualTo("BAD a LITERAL_TOO_BIG");
        decoder.limits(LINE_LIMIT, 1000, 1000);
        in.append(Buffer.buffer("b LOGIN {100}\r\n"));
        assertThat(describe(decoder.decode(in))).isEqualTo("CONTINUE");
        in.append(Buffer.buffer("x".repeat(100) + " y\r\n"));
        assertThat(describe(decoder.decode(in))).startsWith("CMD b LOGIN [L(xxxx");
    }

    @Test
    void aCommandNeverHoldsMoreThanLineAndLiteralLimit() {
        ImapDecoder decoder = new ImapDecoder(LINE_LIMIT, LITERAL_LIMIT);
        InputBuffer in = new InputBuffer();
        // literals each within the limit, together over line + literal limit
        in.append(Buffer.buffer("a LOGIN {60+}\r\n" + ("x".repeat(60) + " {60+}\r\n").repeat(3)));
        assertThat(describe(decoder.decode(in))).isEqualTo("BAD a NON_SYNC_LITERAL_TOO_BIG");
    }

    private static String decode(byte[] input, List<Integer> splits) {
        ImapDecoder decoder = new ImapDecoder(LINE_LIMIT, LITERAL_LIMIT);
        InputBuffer in = new InputBuffer();
        List<String> events = new ArrayList<>();
        int from = 0;
        List<Integer> bounds = new ArrayList<>(splits);
        bounds.add(input.length);
        for (int to : bounds) {
            in.append(Buffer.buffer().appendBytes(input, from, to - from));
            from = to;
            while (true) {
                Decoded d = decoder.decode(in);
                if (d instanceof Decoded.NeedMore) {
                    break;
                }
                events.add(describe(d));
                MessageLiteral literal = d instanceof Decoded.Command c ? c.command().messageLiteral() : null;
                if (literal != null && !literal.synchronizing()) {
                    // as the connection does for a message literal no handler read: it is on its way, skip it
                    decoder.skipRestOfCommand(literal.size());
                }
            }
        }
        return String.join(" | ", events);
    }

    static String describe(Decoded d) {
        if (d instanceof Decoded.ContinueLiteral) {
            return "CONTINUE";
        }
        if (d instanceof Decoded.Malformed m) {
            return "BAD " + m.tag() + " " + m.problem();
        }
        if (d instanceof Decoded.Command c) {
            return "CMD " + c.command().tag() + " " + c.command().name() + " "
                    + c.command().arguments().stream().map(ImapDecoderTest::token).collect(Collectors.joining(", ", "[", "]"))
                    + (c.command().messageLiteral() == null ? ""
                            : " MSG(" + (c.command().messageLiteral().literal8() ? "~" : "")
                                    + c.command().messageLiteral().size()
                                    + (c.command().messageLiteral().synchronizing() ? ")" : "+)"));
        }
        return "NEED_MORE";
    }

    private static String token(Token t) {
        if (t instanceof Token.Word w) {
            return "W(" + w.text() + ")";
        }
        if (t instanceof Token.Quoted q) {
            return "Q(" + q.text() + ")";
        }
        if (t instanceof Token.Literal l) {
            return "L(" + l.utf8() + ")";
        }
        return t == Token.Paren.OPEN ? "(" : ")";
    }
}
