package io.mailserver.protocol.lines;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every content made of "a", ".", CR and LF up to six bytes long (5461 of them), framed at every
 * split into two chunks, read back by a strict CRLF reader and by an LF-splitting reader such as
 * Python's poplib: both must see the same lines, the normalized content, and the end exactly at the
 * end of the output, so that a client of either kind stays in step with the server.
 */
class DotStuffingEncoderTest {

    private static final char[] ALPHABET = {'a', '.', '\r', '\n'};

    @Test
    void everyCombinationOfCrLfAndDotsFramesTheSameForStrictAndLfSplittingReaders() {
        int checked = 0;
        for (int length = 0; length <= 6; length++) {
            for (String content : contents(length)) {
                for (int cut = 0; cut <= content.length(); cut++) {
                    String wire = frame(content, cut);
                    assertThat(hasOnlyCrlfLineEndings(wire)).as("bare CR or LF framing %s", escape(content)).isTrue();
                    List<String> strict = readStrict(wire);
                    List<String> lfSplit = readLfSplitting(wire);
                    assertThat(lfSplit).as("readers disagree on %s", escape(content)).isEqualTo(strict);
                    assertThat(String.join("", strict.stream().map(l -> l + "\r\n").toList()))
                            .as("content of %s", escape(content)).isEqualTo(expectedLines(content));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(20_000);
    }

    @Test
    void aBareLfDotLineCannotForgeTheServersNextReply() {
        String attack = "hello\n.\r\n+OK forged\r\n";
        String wire = frame(attack, 3);
        assertThat(wire).isEqualTo("hello\r\n..\r\n+OK forged\r\n.\r\n");
        assertThat(readLfSplitting(wire)).containsExactly("hello", ".", "+OK forged");
    }

    @Test
    void terminatorAfterFinalLineEndingAndForEmptyContent() {
        DotStuffingEncoder encoder = new DotStuffingEncoder();
        assertThat(encoder.finish().toString()).isEqualTo(".\r\n");
        DotStuffingEncoder afterCrlf = new DotStuffingEncoder();
        assertThat(afterCrlf.encode(Buffer.buffer("x\r\n")).appendBuffer(afterCrlf.finish()).toString()).isEqualTo("x\r\n.\r\n");
        DotStuffingEncoder afterCr = new DotStuffingEncoder();
        assertThat(afterCr.encode(Buffer.buffer("x\r")).appendBuffer(afterCr.finish()).toString()).isEqualTo("x\r\n.\r\n");
        assertThat(afterCr.repairedLineEndings()).isEqualTo(1);
    }

    /** The content as CRLF lines: bare CR and LF each end a line, a last unterminated line gets CRLF. */
    private static String expectedLines(String content) {
        String normalized = content.replace("\r\n", "\u0000").replace("\r", "\u0000").replace("\n", "\u0000")
                .replace("\u0000", "\r\n");
        return normalized.isEmpty() || normalized.endsWith("\r\n") ? normalized : normalized + "\r\n";
    }

    private static String frame(String content, int cut) {
        DotStuffingEncoder encoder = new DotStuffingEncoder();
        Buffer wire = encoder.encode(Buffer.buffer(content.substring(0, cut).getBytes(StandardCharsets.ISO_8859_1)));
        wire.appendBuffer(encoder.encode(Buffer.buffer(content.substring(cut).getBytes(StandardCharsets.ISO_8859_1))));
        wire.appendBuffer(encoder.finish());
        return wire.toString(StandardCharsets.ISO_8859_1);
    }

    /** RFC 1939 §3 read strictly: lines end at CRLF only; the body ends at the line "."; all input is used. */
    private static List<String> readStrict(String wire) {
        List<String> lines = new ArrayList<>();
        int at = 0;
        while (true) {
            int end = wire.indexOf("\r\n", at);
            assertThat(end).as("unterminated response").isGreaterThanOrEqualTo(0);
            String line = wire.substring(at, end);
            at = end + 2;
            if (line.equals(".")) {
                assertThat(at).as("bytes after the terminator").isEqualTo(wire.length());
                return lines;
            }
            lines.add(line.startsWith(".") ? line.substring(1) : line);
        }
    }

    /** What poplib does: split at LF, strip a CRLF or LF, stop at ".", drop one leading dot of "..". */
    private static List<String> readLfSplitting(String wire) {
        List<String> lines = new ArrayList<>();
        int at = 0;
        while (true) {
            int end = wire.indexOf('\n', at);
            assertThat(end).as("unterminated response").isGreaterThanOrEqualTo(0);
            String line = wire.substring(at, end + 1);
            at = end + 1;
            line = line.endsWith("\r\n") ? line.substring(0, line.length() - 2) : line.substring(0, line.length() - 1);
            if (line.equals(".")) {
                assertThat(at).as("bytes after the terminator").isEqualTo(wire.length());
                return lines;
            }
            lines.add(line.startsWith("..") ? line.substring(1) : line);
        }
    }

    private static boolean hasOnlyCrlfLineEndings(String wire) {
        for (int i = 0; i < wire.length(); i++) {
            char c = wire.charAt(i);
            if (c == '\r' && (i + 1 >= wire.length() || wire.charAt(i + 1) != '\n')) {
                return false;
            }
            if (c == '\n' && (i == 0 || wire.charAt(i - 1) != '\r')) {
                return false;
            }
        }
        return true;
    }

    private static List<String> contents(int length) {
        List<String> all = new ArrayList<>();
        int total = (int) Math.pow(ALPHABET.length, length);
        for (int n = 0; n < total; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = 0, v = n; i < length; i++, v /= ALPHABET.length) {
                s.append(ALPHABET[v % ALPHABET.length]);
            }
            all.add(s.toString());
        }
        return all;
    }

    private static String escape(String s) {
        return "\"" + s.replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }
}
