package io.mailserver.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailserver.smtp.command.MailAddress;
import io.mailserver.smtp.command.MailParameters;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmtpStateTest {

    private static final Greeting EHLO = new Greeting("client.example", true);
    private static final AcceptedRecipient ALICE = new AcceptedRecipient(new MailAddress("alice", "example.org"), List.of(1L));

    private static SmtpState.MailTransaction transaction() {
        return new SmtpState.Greeted(EHLO).startTransaction("ID1", Optional.of(new MailAddress("s", "example.net")),
                MailParameters.NONE);
    }

    @Test
    void greetingFromAnyCommandStateResetsTheTransaction() {
        assertThat(new SmtpState.Connected().greet(EHLO)).isEqualTo(new SmtpState.Greeted(EHLO));
        Greeting helo = new Greeting("other", false);
        assertThat(transaction().addRecipient(ALICE).greet(helo)).isEqualTo(new SmtpState.Greeted(helo));
    }

    @Test
    void transactionCollectsRecipientsWithoutChangingTheOldState() {
        SmtpState.MailTransaction empty = transaction();
        SmtpState.MailTransaction one = empty.addRecipient(ALICE);
        assertThat(empty.recipients()).isEmpty();
        assertThat(one.recipients()).containsExactly(ALICE);
        assertThat(one.id()).isEqualTo("ID1");
        assertThat(one.hello()).isEqualTo(EHLO);
    }

    @Test
    void dataNeedsARecipientAndSwitchesTheInputMode() {
        assertThatThrownBy(() -> transaction().startData()).isInstanceOf(IllegalStateException.class);
        SmtpState.ReceivingData receiving = transaction().addRecipient(ALICE).startData();
        assertThat(receiving.inputMode()).isEqualTo(InputMode.DATA);
        assertThat(transaction().inputMode()).isEqualTo(InputMode.COMMAND);
        assertThat(receiving.finish()).isEqualTo(new SmtpState.Greeted(EHLO));
        assertThat(receiving.finish().inputMode()).isEqualTo(InputMode.COMMAND);
    }

    @Test
    void resetKeepsTheGreetingOnly() {
        assertThat(transaction().addRecipient(ALICE).reset()).isEqualTo(new SmtpState.Greeted(EHLO));
        assertThat(new SmtpState.Greeted(EHLO).reset()).isEqualTo(new SmtpState.Greeted(EHLO));
        assertThat(new SmtpState.Connected().reset()).isEqualTo(new SmtpState.Connected());
    }

    @Test
    void startTlsForgetsEverything() {
        // RFC 3207 §4.2: the client must greet again after the handshake.
        assertThat(transaction().addRecipient(ALICE).afterTls()).isEqualTo(new SmtpState.Connected());
        assertThat(new SmtpState.Greeted(EHLO).afterTls().greeting()).isEmpty();
        assertThatThrownBy(() -> transaction().addRecipient(ALICE).startData().afterTls())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLoginOutlivesGreetingsResetsAndTransactionsButNotStartTls() {
        Login alice = new Login(7L, "alice@example.org");
        SmtpState.Authenticating asking = new SmtpState.Greeted(EHLO).authenticate(AuthExchange.LoginUser.INSTANCE);
        assertThat(asking.inputMode()).isEqualTo(InputMode.AUTH_RESPONSE);
        assertThat(asking.login()).isEmpty();
        SmtpState.Greeted in = asking.before().loggedIn(alice);
        assertThat(in.login()).contains(alice);
        assertThat(in.greet(new Greeting("again", true)).login()).contains(alice);
        SmtpState.MailTransaction transaction = in.startTransaction("ID2", Optional.empty(), MailParameters.NONE)
                .addRecipient(ALICE);
        assertThat(transaction.login()).contains(alice);
        assertThat(transaction.reset().login()).contains(alice);
        assertThat(transaction.startData().login()).contains(alice);
        assertThat(transaction.startData().finish().login()).contains(alice);
        assertThat(transaction.afterTls().login()).isEmpty();
        assertThatThrownBy(() -> in.authenticate(AuthExchange.Plain.INSTANCE)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> in.loggedIn(alice)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void chunksCountTheirOctetsAndOnlyATransactionKeepsThem() {
        SmtpState.ReceivingChunk chunk = transaction().addRecipient(ALICE).startChunk(10, false);
        assertThat(chunk.inputMode()).isEqualTo(InputMode.CHUNK);
        assertThat(chunk.kept()).isTrue();
        assertThat(chunk.consumed(4).remaining()).isEqualTo(6);
        assertThatThrownBy(() -> chunk.consumed(11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> transaction().startChunk(1, true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SmtpState.ReceivingChunk(new SmtpState.Greeted(EHLO), 1, false, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        SmtpState.ReceivingChunk refused = SmtpState.ReceivingChunk.refused(new SmtpState.Greeted(EHLO), 5,
                io.mailserver.smtp.reply.SmtpReply.of(503, "5.5.1", "Need MAIL command"));
        assertThat(refused.kept()).isFalse();
        assertThat(transaction().addRecipient(ALICE).withChunk().chunking()).isTrue();
        assertThat(transaction().chunking()).isFalse();
    }

    @Test
    void connectionInfoOffersStartTlsOnlyBeforeTls() {
        ConnectionInfo plain = new ConnectionInfo(Listener.MX, "192.0.2.1", "192.0.2.1", false, true);
        assertThat(plain.canStartTls()).isTrue();
        assertThat(plain.withTls().canStartTls()).isFalse();
        assertThat(plain.withTls().tlsActive()).isTrue();
        assertThat(new ConnectionInfo(Listener.MX, "192.0.2.1", "192.0.2.1", false, false).canStartTls()).isFalse();
    }
}
