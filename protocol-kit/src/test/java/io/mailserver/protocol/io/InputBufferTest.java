package io.mailserver.protocol.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputBufferTest {

    /** Feeds {@code input} split at {@code cut} and collects every line read. */
    private static List<String> lines(String input, int cut, int max) {
        InputBuffer in = new InputBuffer();
        List<String> out = new ArrayList<>();
        for (String piece : new String[] {input.substring(0, cut), input.substring(cut)}) {
            in.append(Buffer.buffer(piece));
            for (LineRead r = in.readLine(max); !(r instanceof LineRead.Incomplete); r = in.readLine(max)) {
                out.add(r instanceof LineRead.Line l ? l.ascii() : "TOO LONG " + ((LineRead.TooLong) r).length());
            }
        }
        return out;
    }

    @Test
    void splitsOnCrlfOnlyAtEveryBoundary() {
        String input = "A1 NOOP\r\nbare\nlf and bare\rcr\r\n\r\nlast\r\npartial";
        for (int cut = 0; cut <= input.length(); cut++) {
            assertThat(lines(input, cut, 100)).as("cut at %d", cut)
                    .containsExactly("A1 NOOP", "bare\nlf and bare\rcr", "", "last");
        }
    }

    @Test
    void overLongLineIsDroppedNotBufferedAndReportedAtItsEnd() {
        String longLine = "x".repeat(5000);
        String input = "ok\r\n" + longLine + "\r\nnext\r\n";
        for (int cut : new int[] {0, 3, 10, 2000, 5004, 5005, input.length()}) {
            assertThat(lines(input, cut, 100)).as("cut at %d", cut)
                    .containsExactly("ok", "TOO LONG 5000", "next");
        }
    }

    @Test
    void memoryStaysBoundedWhileALineNeverEnds() {
        InputBuffer in = new InputBuffer();
        for (int i = 0; i < 1000; i++) {
            in.append(Buffer.buffer("y".repeat(1000)));
            assertThat(in.readLine(100)).isSameAs(LineRead.Incomplete.INSTANCE);
            assertThat(in.readable()).isLessThanOrEqualTo(1);
        }
        in.append(Buffer.buffer("\r\nafter\r\n"));
        assertThat(in.readLine(100)).isInstanceOf(LineRead.TooLong.class);
        assertThat(((LineRead.Line) in.readLine(100)).ascii()).isEqualTo("after");
    }

    @Test
    void switchesBetweenLinesAndRawBytes() {
        InputBuffer in = new InputBuffer();
        in.append(Buffer.buffer("A1 APPEND x {5}\r\nhel"));
        assertThat(((LineRead.Line) in.readLine(100)).ascii()).isEqualTo("A1 APPEND x {5}");
        assertThat(in.readBytes(5).toString()).isEqualTo("hel");
        in.append(Buffer.buffer("lo\r\nA2 NOOP\r\n"));
        assertThat(in.readBytes(2).toString()).isEqualTo("lo");
        assertThat(((LineRead.Line) in.readLine(100)).ascii()).isEmpty();
        assertThat(((LineRead.Line) in.readLine(100)).ascii()).isEqualTo("A2 NOOP");
    }

    @Test
    void discardDropsPipelinedPlaintext() {
        InputBuffer in = new InputBuffer();
        in.append(Buffer.buffer("STARTTLS\r\nRSET\r\n"));
        assertThat(((LineRead.Line) in.readLine(100)).ascii()).isEqualTo("STARTTLS");
        assertThat(in.discard()).isEqualTo(6);
        assertThat(in.readLine(100)).isSameAs(LineRead.Incomplete.INSTANCE);
    }
}
