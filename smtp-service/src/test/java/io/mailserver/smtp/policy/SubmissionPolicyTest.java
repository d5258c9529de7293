package io.mailserver.smtp.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.smtp.client.RecipientResolution;
import io.mailserver.smtp.session.Login;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmissionPolicyTest {

    private static final Login ALICE = new Login(7L, "alice@example.org");

    @Test
    void anAccountOwnsWhatReachesItAlone() {
        // its address, a sub-address, an alias of its own: all resolve to it alone
        assertThat(SubmissionPolicy.owns(ALICE, new RecipientResolution.Local(List.of(7L)))).isTrue();
        assertThat(SubmissionPolicy.owns(ALICE, new RecipientResolution.Local(List.of(7L, 7L)))).isTrue();
    }

    @Test
    void groupsOtherAccountsUnknownAndForeignAddressesAreNotOwned() {
        assertThat(SubmissionPolicy.owns(ALICE, new RecipientResolution.Local(List.of(7L, 9L)))).isFalse();
        assertThat(SubmissionPolicy.owns(ALICE, new RecipientResolution.Local(List.of(9L)))).isFalse();
        // an alias that only forwards reaches no account: nobody's to send as
        assertThat(SubmissionPolicy.owns(ALICE, new RecipientResolution.Local(List.of(), List.of("a@elsewhere.example")))).isFalse();
        assertThat(SubmissionPolicy.owns(ALICE, new RecipientResolution.Local(List.of(7L), List.of("a@elsewhere.example")))).isTrue();
        assertThat(SubmissionPolicy.owns(ALICE, RecipientResolution.UnknownLocal.INSTANCE)).isFalse();
        assertThat(SubmissionPolicy.owns(ALICE, RecipientResolution.NotLocal.INSTANCE)).isFalse();
    }

    @Test
    void hourlyLimitsRefuseTheTransactionAndCapItsRecipients() {
        SubmissionPolicy policy = new SubmissionPolicy(io.mailserver.protocol.tls.CleartextAuth.NEVER, 10, 50);
        assertThat(policy.messageLimit(new io.mailserver.smtp.client.SentLastHour(9, 0))).isEmpty();
        assertThat(policy.messageLimit(new io.mailserver.smtp.client.SentLastHour(10, 0)))
                .hasValueSatisfying(reply -> assertThat(reply.code()).isEqualTo(450));
        assertThat(policy.recipientAllowance(new io.mailserver.smtp.client.SentLastHour(1, 45))).isEqualTo(5);
        assertThat(policy.recipientAllowance(new io.mailserver.smtp.client.SentLastHour(1, 60))).isZero();
        SubmissionPolicy unlimited = new SubmissionPolicy(io.mailserver.protocol.tls.CleartextAuth.NEVER, 0, 0);
        assertThat(unlimited.messageLimit(new io.mailserver.smtp.client.SentLastHour(1_000_000, 0))).isEmpty();
        assertThat(unlimited.recipientAllowance(new io.mailserver.smtp.client.SentLastHour(1, 1_000_000))).isEqualTo(Long.MAX_VALUE);
    }
}
