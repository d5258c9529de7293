package io.mailserver.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.pop3.command.ListCommand;
import io.mailserver.pop3.command.PassCommand;
import io.mailserver.pop3.command.QuitCommand;
import io.mailserver.pop3.command.RetrCommand;
import io.mailserver.pop3.command.StatCommand;
import io.mailserver.pop3.command.TopCommand;
import io.mailserver.pop3.command.UserCommand;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class Pop3DecoderTest {

    /** A pipelined conversation with every kind of line the decoder must frame. */
    private static final String PIPELINED = "USER alice\r\nPASS pass word\r\nSTAT\r\nlist\r\nRETR 2\r\n"
            + "bogus\r\n" + "TOP 1 10\r\n" + "X".repeat(600) + "\r\n" + "QUIT\r\n";

    private static final List<Decoded> EXPECTED = List.of(
            new Decoded.Command(new UserCommand("alice")),
            new Decoded.Command(new PassCommand("pass word")),
            new Decoded.Command(new StatCommand()),
            new Decoded.Command(new ListCommand(OptionalInt.empty())),
            new Decoded.Command(new RetrCommand(2)),
            new Decoded.Malformed("Unknown command"),
            new Decoded.Command(new TopCommand(1, 10)),
            new Decoded.TooLong(600),
            new Decoded.Command(new QuitCommand()));

    private static List<Decoded> decodeAll(Pop3Decoder decoder) {
        List<Decoded> out = new ArrayList<>();
        for (Decoded d = decoder.nextCommand(); d != Decoded.NeedMore.INSTANCE; d = decoder.nextCommand()) {
            out.add(d);
        }
        return out;
    }

    @Test
    void wholeInputAtOnce() {
        Pop3Decoder decoder = new Pop3Decoder(512, 4096);
        decoder.feed(Buffer.buffer(PIPELINED));
        assertThat(decodeAll(decoder)).isEqualTo(EXPECTED);
        assertThat(decoder.buffered()).isZero();
    }

    @Test
    void inputSplitAtEveryByteBoundary() {
        byte[] bytes = PIPELINED.getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 0; split <= bytes.length; split++) {
            Pop3Decoder decoder = new Pop3Decoder(512, 4096);
            List<Decoded> out = new ArrayList<>();
            decoder.feed(Buffer.buffer().appendBytes(bytes, 0, split));
            out.addAll(decodeAll(decoder));
            decoder.feed(Buffer.buffer().appendBytes(bytes, split, bytes.length - split));
            out.addAll(decodeAll(decoder));
            assertThat(out).as("split at %d", split).isEqualTo(EXPECTED);
        }
    }

    @Test
    void inputOneByteAtATime() {
        byte[] bytes = PIPELINED.getBytes(StandardCharsets.ISO_8859_1);
        Pop3Decoder decoder = new Pop3Decoder(512, 4096);
        List<Decoded> out = new ArrayList<>();
        for (byte b : bytes) {
            decoder.feed(Buffer.buffer().appendByte(b));
            out.addAll(decodeAll(decoder));
            // never more than one line limit (plus the CR that may start a CRLF) is held
            assertThat(decoder.buffered()).isLessThanOrEqualTo(513);
        }
        assertThat(out).isEqualTo(EXPECTED);
    }

    @Test
    void bareLineFeedDoesNotEndACommand() {
        Pop3Decoder decoder = new Pop3Decoder(512, 4096);
        decoder.feed(Buffer.buffer("STAT\nQUIT\r\n"));
        assertThat(decoder.nextCommand()).isInstanceOf(Decoded.Malformed.class);
        assertThat(decoder.nextCommand()).isEqualTo(Decoded.NeedMore.INSTANCE);
    }

    @Test
    void utf8PasswordsReachTheCommandIntact() {
        Pop3Decoder decoder = new Pop3Decoder(512, 4096);
        decoder.feed(Buffer.buffer("PASS pässwörd\r\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(decoder.nextCommand()).isEqualTo(new Decoded.Command(new PassCommand("pässwörd")));
    }

    @Test
    void saslResponsesAreLinesNotCommands() {
        Pop3Decoder decoder = new Pop3Decoder(16, 64);
        String response = "AGFsaWNlAHNlY3JldC1wYXNzd29yZC10aGF0LWlzLWxvbmc=";
        decoder.feed(Buffer.buffer(response + "\r\n*\r\n" + "A".repeat(100) + "\r\nSTAT\r\n"));
        assertThat(decoder.nextSaslResponse()).isEqualTo(new Decoded.SaslResponse(response));
        assertThat(decoder.nextSaslResponse()).isEqualTo(new Decoded.SaslResponse("*"));
        assertThat(decoder.nextSaslResponse()).isEqualTo(new Decoded.TooLong(100));
        assertThat(decoder.nextCommand()).isEqualTo(new Decoded.Command(new StatCommand()));
        assertThat(new Decoded.SaslResponse("secret").toString()).doesNotContain("secret");
    }

    @Test
    void discardDropsPipelinedPlaintext() {
        Pop3Decoder decoder = new Pop3Decoder(512, 4096);
        decoder.feed(Buffer.buffer("STLS\r\nUSER mallory\r\nPASS x\r\n"));
        assertThat(decoder.nextCommand()).isInstanceOf(Decoded.Command.class);
        assertThat(decoder.discard()).isEqualTo("USER mallory\r\nPASS x\r\n".length());
        assertThat(decoder.nextCommand()).isEqualTo(Decoded.NeedMore.INSTANCE);
        decoder.feed(Buffer.buffer("CAPA\r\n"));
        assertThat(decoder.nextCommand()).isInstanceOf(Decoded.Command.class);
    }
}
