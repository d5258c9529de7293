package io.mailserver.pop3.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyEncoderTest {

    private static String encode(Pop3Reply reply) {
        return ReplyEncoder.encode(reply).toString();
    }

    @Test
    void statusLines() {
        assertThat(encode(Pop3Reply.ok("2 320"))).isEqualTo("+OK 2 320\r\n");
        assertThat(encode(Pop3Reply.ok(""))).isEqualTo("+OK\r\n");
        assertThat(encode(Pop3Reply.err("No such message"))).isEqualTo("-ERR No such message\r\n");
    }

    @Test
    void responseCodesInBrackets() {
        assertThat(encode(Pop3Reply.err(ResponseCode.AUTH, "Invalid credentials")))
                .isEqualTo("-ERR [AUTH] Invalid credentials\r\n");
        assertThat(encode(Pop3Reply.err(ResponseCode.SYS_TEMP, "try later")))
                .isEqualTo("-ERR [SYS/TEMP] try later\r\n");
    }

    @Test
    void saslContinuationHasPlusAndSpace() {
        assertThat(encode(new Pop3Reply.Continuation(""))).isEqualTo("+ \r\n");
    }

    @Test
    void statusTextCannotBreakTheLine() {
        assertThat(encode(Pop3Reply.err(ResponseCode.AUTH, "bad\r\n+OK injected")))
                .isEqualTo("-ERR [AUTH] bad  +OK injected\r\n");
    }

    @Test
    void multiLineResponsesAreDotStuffedAndTerminated() {
        assertThat(encode(new Pop3Reply.MultiLine("2 messages (300 octets)", List.of("1 120", "2 180"))))
                .isEqualTo("+OK 2 messages (300 octets)\r\n1 120\r\n2 180\r\n.\r\n");
        assertThat(encode(new Pop3Reply.MultiLine("0 messages (0 octets)", List.of())))
                .isEqualTo("+OK 0 messages (0 octets)\r\n.\r\n");
        assertThat(encode(new Pop3Reply.MultiLine("odd", List.of(".", ".leading"))))
                .isEqualTo("+OK odd\r\n..\r\n..leading\r\n.\r\n");
    }
}
