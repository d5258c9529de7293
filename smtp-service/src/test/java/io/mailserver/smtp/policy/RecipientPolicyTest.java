package io.mailserver.smtp.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.smtp.client.RecipientResolution;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.Listener;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecipientPolicyTest {

    private static final String SHOWN = "<bob@example.org>";

    private static SmtpReply refusal(RecipientPolicy.Verdict verdict) {
        assertThat(verdict).isInstanceOf(RecipientPolicy.Verdict.Refuse.class);
        return ((RecipientPolicy.Verdict.Refuse) verdict).reply();
    }

    @Test
    void aLocalAccountWithRoomIsTakenForItsAccounts() {
        var verdict = RecipientPolicy.decide(new RecipientResolution.Local(List.of(7L, 9L)), true, SHOWN, Listener.MX, false, false);
        assertThat(verdict).isEqualTo(new RecipientPolicy.Verdict.Accept(List.of(7L, 9L)));
    }

    @Test
    void fullUnknownAndForeignAreRefusedWithTheirCodes() {
        assertThat(refusal(RecipientPolicy.decide(new RecipientResolution.Local(List.of(7L)), false, SHOWN, Listener.MX, false, false)))
                .isEqualTo(SmtpReply.of(552, "5.2.2", SHOWN + ": Mailbox full"));
        assertThat(refusal(RecipientPolicy.decide(RecipientResolution.UnknownLocal.INSTANCE, false, SHOWN, Listener.MX, false, false)))
                .isEqualTo(SmtpReply.of(550, "5.1.1", SHOWN + ": Recipient address rejected: user unknown"));
        // an MX never relays, in any address form that resolved as foreign
        assertThat(refusal(RecipientPolicy.decide(RecipientResolution.NotLocal.INSTANCE, false, SHOWN, Listener.MX, false, false)))
                .isEqualTo(SmtpReply.of(554, "5.7.1", SHOWN + ": relaying denied"));
        // submission: relaying needs AUTH first (RFC 6409 §4.3)
        for (Listener submission : List.of(Listener.SUBMISSION, Listener.SUBMISSIONS)) {
            assertThat(refusal(RecipientPolicy.decide(RecipientResolution.NotLocal.INSTANCE, true, SHOWN, submission, false, false)))
                    .isEqualTo(SmtpReply.of(530, "5.7.0", "Authentication required"));
            // authenticated: relayed where outbound delivery has a route, else refused for good, never queued for ever
            assertThat(refusal(RecipientPolicy.decide(RecipientResolution.NotLocal.INSTANCE, false, SHOWN, submission, true, false)).code())
                    .isEqualTo(550);
            assertThat(RecipientPolicy.decide(RecipientResolution.NotLocal.INSTANCE, false, SHOWN, submission, true, true))
                    .isEqualTo(RecipientPolicy.Verdict.Relay.INSTANCE);
        }
        // an MX never relays, route or not
        assertThat(refusal(RecipientPolicy.decide(RecipientResolution.NotLocal.INSTANCE, false, SHOWN, Listener.MX, true, true)).code())
                .isEqualTo(554);
    }
}
