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
        assertThat(SubmissionPolicy.owns(ALICE, RecipientResolution.UnknownLocal.INSTANCE)).isFalse();
        assertThat(SubmissionPolicy.owns(ALICE, RecipientResolution.NotLocal.INSTANCE)).isFalse();
    }
}
