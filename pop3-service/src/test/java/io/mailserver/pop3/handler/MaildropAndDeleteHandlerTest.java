package io.mailserver.pop3.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.pop3.command.DeleCommand;
import io.mailserver.pop3.command.ListCommand;
import io.mailserver.pop3.command.NoopCommand;
import io.mailserver.pop3.command.RsetCommand;
import io.mailserver.pop3.command.StatCommand;
import io.mailserver.pop3.command.UidlCommand;
import io.mailserver.pop3.reply.Pop3Reply;
import io.mailserver.pop3.session.Maildrop;
import io.mailserver.pop3.session.MaildropMessage;
import io.mailserver.pop3.session.Pop3State;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** STAT, LIST, UIDL, NOOP, DELE and RSET on a snapshot: pure decisions, no storage involved. */
class MaildropAndDeleteHandlerTest {

    private static final Pop3State.Transaction T = Pop3State.Transaction.of(new Maildrop(1, 2, 42, List.of(
            new MaildropMessage(10, 120), new MaildropMessage(11, 200), new MaildropMessage(15, 30))));

    @Test
    void statListAndUidlCountOnlyVisibleMessages() {
        Pop3State.Transaction t = T.delete(2);
        assertThat(MaildropHandler.answer(new StatCommand(), t)).isEqualTo(Pop3Reply.ok("2 150"));
        assertThat(MaildropHandler.answer(new ListCommand(OptionalInt.empty()), t))
                .isEqualTo(new Pop3Reply.MultiLine("2 messages (150 octets)", List.of("1 120", "3 30")));
        assertThat(MaildropHandler.answer(new UidlCommand(OptionalInt.empty()), t))
                .isEqualTo(new Pop3Reply.MultiLine("Unique-id listing follows", List.of("1 42.10", "3 42.15")));
        assertThat(MaildropHandler.answer(new ListCommand(OptionalInt.of(3)), t)).isEqualTo(Pop3Reply.ok("3 30"));
        assertThat(MaildropHandler.answer(new UidlCommand(OptionalInt.of(1)), t)).isEqualTo(Pop3Reply.ok("1 42.10"));
        assertThat(MaildropHandler.answer(new NoopCommand(), t)).isEqualTo(Pop3Reply.ok(""));
    }

    @Test
    void deletedAndUnknownMessagesAreErrors() {
        Pop3State.Transaction t = T.delete(2);
        assertThat(MaildropHandler.answer(new ListCommand(OptionalInt.of(2)), t)).isEqualTo(Pop3Reply.err("Message 2 is deleted"));
        assertThat(MaildropHandler.answer(new ListCommand(OptionalInt.of(4)), t)).isEqualTo(Pop3Reply.err("No such message"));
        assertThat(MaildropHandler.answer(new UidlCommand(OptionalInt.of(2)), t)).isInstanceOf(Pop3Reply.Err.class);
        assertThat(DeleteHandler.decide(new DeleCommand(2), t)).isEqualTo(Outcome.reply(Pop3Reply.err("Message 2 is deleted")));
        assertThat(DeleteHandler.decide(new DeleCommand(9), t)).isEqualTo(Outcome.reply(Pop3Reply.err("No such message")));
    }

    @Test
    void deleMarksAndRsetUnmarks() {
        Outcome dele = DeleteHandler.decide(new DeleCommand(1), T);
        assertThat(dele).isEqualTo(Outcome.reply(Pop3Reply.ok("Message 1 deleted"), T.delete(1)));
        Outcome rset = DeleteHandler.decide(new RsetCommand(), T.delete(1).delete(3));
        assertThat(rset).isEqualTo(Outcome.reply(Pop3Reply.ok("Maildrop has 3 messages (350 octets)"), T));
    }
}
