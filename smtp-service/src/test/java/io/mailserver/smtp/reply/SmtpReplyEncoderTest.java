package io.mailserver.smtp.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpReplyEncoderTest {

    @Test
    void singleLineWithEnhancedCode() {
        assertThat(SmtpReplyEncoder.toText(SmtpReply.of(250, "2.1.5", "Ok"))).isEqualTo("250 2.1.5 Ok\r\n");
    }

    @Test
    void singleLineWithoutEnhancedCode() {
        assertThat(SmtpReplyEncoder.toText(SmtpReply.plain(220, "mx.example.org ESMTP ready")))
                .isEqualTo("220 mx.example.org ESMTP ready\r\n");
    }

    @Test
    void multiLineUsesHyphensUntilTheLastLine() {
        SmtpReply ehlo = new SmtpReply(250, null, List.of("mx.example.org Hello c", "PIPELINING", "SIZE 10"));
        assertThat(SmtpReplyEncoder.toText(ehlo)).isEqualTo("250-mx.example.org Hello c\r\n250-PIPELINING\r\n250 SIZE 10\r\n");
    }

    @Test
    void enhancedCodeOnEveryLine() {
        SmtpReply help = new SmtpReply(214, "2.0.0", List.of("one", "two"));
        assertThat(SmtpReplyEncoder.toText(help)).isEqualTo("214-2.0.0 one\r\n214 2.0.0 two\r\n");
    }

    @Test
    void controlCharactersNeverReachTheWire() {
        SmtpReply reply = SmtpReply.of(550, "5.1.1", "<a\r\n250 ok>: unknown");
        assertThat(SmtpReplyEncoder.toText(reply)).isEqualTo("550 5.1.1 <a??250 ok>: unknown\r\n");
        assertThat(SmtpReplyEncoder.encode(reply).toString(StandardCharsets.UTF_8)).isEqualTo(SmtpReplyEncoder.toText(reply));
    }

    @Test
    void enhancedCodeMustMatchTheReplyClass() {
        assertThatThrownBy(() -> SmtpReply.of(250, "5.0.0", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpReply.of(250, "2.0", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpReply.plain(99, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SmtpReply(250, null, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(SmtpReply.of(451, "4.3.0", "x").replyClass()).isEqualTo(4);
    }
}
