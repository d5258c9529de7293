package io.mailserver.smtp.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.smtp.dsn.Notify;
import io.mailserver.smtp.forward.ForwardingRules.Decision;
import io.mailserver.smtp.mailauth.dmarc.DmarcResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardingRulesTest {

    @Test
    void noForwardForJunkNorForAnUnprovenAuthorInTheForwardingDomain() {
        List<String> forwarding = List.of("example.org");
        assertThat(ForwardingRules.decide(false, "sender.example", DmarcResult.FAIL, forwarding)).isEqualTo(Decision.FORWARD);
        assertThat(ForwardingRules.decide(false, "example.org", DmarcResult.PASS, forwarding)).isEqualTo(Decision.FORWARD);
        assertThat(ForwardingRules.decide(true, "sender.example", DmarcResult.PASS, forwarding)).isEqualTo(Decision.DROP);
        // organizationally the same domain: a sub-domain From aligns with an SRS sender of the parent (relaxed)
        for (String author : List.of("example.org", "Mail.Example.ORG", "news.example.org")) {
            for (DmarcResult result : List.of(DmarcResult.NONE, DmarcResult.FAIL, DmarcResult.PERMERROR)) {
                assertThat(ForwardingRules.decide(false, author, result, forwarding)).as(author + " " + result)
                        .isEqualTo(Decision.DROP);
            }
            // a DNS failure: not lost, tried again
            assertThat(ForwardingRules.decide(false, author, DmarcResult.TEMPERROR, forwarding)).isEqualTo(Decision.DEFER);
        }
        assertThat(ForwardingRules.decide(false, "example.org", DmarcResult.NONE, List.of("other.test", "sub.example.org")))
                .isEqualTo(Decision.DROP);
        // the checks did not reach the author: forwarded, but (DataHandler) without an SRS sender
        assertThat(ForwardingRules.decide(false, null, DmarcResult.TEMPERROR, forwarding)).isEqualTo(Decision.FORWARD);
    }

    @Test
    void forwardsOfUnprovenSendersReportFailuresOnly() {
        Notify all = Notify.parse("SUCCESS,FAILURE,DELAY").orElseThrow();
        assertThat(ForwardingRules.onward(all, true, false)).isEqualTo(all);
        assertThat(ForwardingRules.onward(Notify.DEFAULT, true, false)).isEqualTo(Notify.DEFAULT);
        assertThat(ForwardingRules.onward(all, false, false)).isEqualTo(Notify.parse("FAILURE").orElseThrow());
        assertThat(ForwardingRules.onward(Notify.DEFAULT, false, false)).isEqualTo(Notify.parse("FAILURE").orElseThrow());
        assertThat(ForwardingRules.onward(Notify.parse("SUCCESS").orElseThrow(), false, false)).isEqualTo(Notify.NEVER);
        assertThat(ForwardingRules.onward(Notify.NEVER, false, true)).isEqualTo(Notify.NEVER);
        // an alias expanding to several: no success report per copy
        assertThat(ForwardingRules.onward(all, true, true)).isEqualTo(Notify.parse("FAILURE,DELAY").orElseThrow());
    }
}
