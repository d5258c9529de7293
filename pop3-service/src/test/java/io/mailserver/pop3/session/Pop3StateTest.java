package io.mailserver.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Pop3StateTest {

    static final Maildrop MAILDROP = new Maildrop(7, 3, 1700000000L, List.of(
            new MaildropMessage(4, 100), new MaildropMessage(9, 250), new MaildropMessage(4294967295L, 1000)));

    @Test
    void authorizationRemembersUserAndCountsFailures() {
        Pop3State.Authorization start = Pop3State.Authorization.initial();
        assertThat(start.phase()).isEqualTo(Pop3State.Phase.AUTHORIZATION);
        Pop3State.Authorization withUser = start.withUser("alice");
        assertThat(withUser.user()).contains("alice");
        Pop3State.Authorization failed = withUser.failed();
        assertThat(failed.user()).isEmpty();
        assertThat(failed.failures()).isEqualTo(1);
        assertThat(failed.withUser("bob").failed().failures()).isEqualTo(2);
        assertThat(failed.withUser("bob").withoutUser()).isEqualTo(new Pop3State.Authorization(Optional.empty(), 1));
    }

    @Test
    void messagesAreNumberedFromOneInUidOrder() {
        Pop3State.Transaction t = Pop3State.Transaction.of(MAILDROP);
        assertThat(t.phase()).isEqualTo(Pop3State.Phase.TRANSACTION);
        assertThat(t.visible(1)).contains(new MaildropMessage(4, 100));
        assertThat(t.visible(3)).contains(new MaildropMessage(4294967295L, 1000));
        assertThat(t.visible(0)).isEmpty();
        assertThat(t.visible(4)).isEmpty();
        assertThat(t.visibleCount()).isEqualTo(3);
        assertThat(t.visibleSize()).isEqualTo(1350);
    }

    @Test
    void uniqueIdsAreUidValidityDotUidAndPrintable() {
        assertThat(MAILDROP.uniqueId(1)).isEqualTo("1700000000.4");
        assertThat(MAILDROP.uniqueId(3)).isEqualTo("1700000000.4294967295");
        for (int n = 1; n <= MAILDROP.size(); n++) {
            String id = MAILDROP.uniqueId(n);
            assertThat(id.length()).isBetween(1, 70);
            assertThat(id.chars()).allMatch(c -> c >= 0x21 && c <= 0x7e);
        }
    }

    @Test
    void deleteHidesAMessageUntilReset() {
        Pop3State.Transaction t = Pop3State.Transaction.of(MAILDROP).delete(2);
        assertThat(t.isVisible(2)).isFalse();
        assertThat(t.isDeleted(2)).isTrue();
        assertThat(t.visibleCount()).isEqualTo(2);
        assertThat(t.visibleSize()).isEqualTo(1100);
        assertThat(t.visibleNumbers()).containsExactly(1, 3);
        assertThat(t.deletedUids()).containsExactly(9L);
        Pop3State.Transaction reset = t.reset();
        assertThat(reset.visibleCount()).isEqualTo(3);
        assertThat(reset.deletedUids()).isEmpty();
        assertThat(reset).isEqualTo(Pop3State.Transaction.of(MAILDROP));
    }

    @Test
    void transitionsLeaveTheOriginalUntouched() {
        Pop3State.Transaction original = Pop3State.Transaction.of(MAILDROP);
        Pop3State.Transaction changed = original.delete(1).delete(3);
        assertThat(original.visibleCount()).isEqualTo(3);
        assertThat(changed.deletedUids()).containsExactly(4L, 4294967295L);
    }

    @Test
    void deletingTwiceOrOutOfRangeIsRefused() {
        Pop3State.Transaction t = Pop3State.Transaction.of(MAILDROP).delete(1);
        assertThatThrownBy(() -> t.delete(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.delete(4)).isInstanceOf(IllegalArgumentException.class);
        assertThat(t.isDeleted(4)).isFalse();
    }

    @Test
    void anEmptyMaildrop() {
        Pop3State.Transaction t = Pop3State.Transaction.of(Maildrop.empty(7));
        assertThat(t.visibleCount()).isZero();
        assertThat(t.visibleSize()).isZero();
        assertThat(t.visible(1)).isEmpty();
    }

    @Test
    void updateIsItsOwnPhase() {
        assertThat(new Pop3State.Update().phase()).isEqualTo(Pop3State.Phase.UPDATE);
    }
}
