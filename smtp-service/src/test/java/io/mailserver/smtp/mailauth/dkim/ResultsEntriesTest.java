package io.mailserver.smtp.mailauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a sealer's results say about DMARC, whatever values a sender got it to echo. */
class ResultsEntriesTest {

    @Test
    void aDmarcEntryNamesItsFromDomain() {
        assertThat(ResultsEntries.dmarcByFrom(" i=1; mx.list.example; spf=pass smtp.mailfrom=a@example.org;"
                + " dmarc=pass (p=reject; dis=none) header.from=Example.ORG")).isEqualTo(Map.of("example.org", true));
        assertThat(ResultsEntries.dmarcByFrom("mx.list.example; dmarc=fail header.from=\"bank.example\""))
                .isEqualTo(Map.of("bank.example", false));
        // one pass and one fail for the same domain vouch for nothing
        assertThat(ResultsEntries.dmarcByFrom("x; dmarc=pass header.from=bank.example; dmarc=fail header.from=bank.example"))
                .isEqualTo(Map.of("bank.example", false));
    }

    @Test
    void valuesASenderChoseNeverReadAsEntries() {
        for (String forged : new String[] {
            "x; spf=pass smtp.mailfrom=\"x;dmarc=pass header.from=bank.example\"@evil.example; dmarc=fail header.from=bank.example",
            "x; spf=none smtp.helo=x (;dmarc=pass header.from=bank.example); dmarc=fail header.from=bank.example",
            "x; spf=none smtp.helo=x;dmarc=pass.header.from=bank.example; dmarc=fail header.from=bank.example",
            "x; spf=pass smtp.mailfrom=a@b (comment \\) ; dmarc=pass header.from=bank.example); dmarc=fail header.from=bank.example"}) {
            assertThat(ResultsEntries.dmarcByFrom(forged)).as(forged).isEqualTo(Map.of("bank.example", false));
        }
        assertThat(ResultsEntries.dmarcByFrom("x; spf=pass smtp.mailfrom=\"dmarc=pass header.from=bank.example\"")).isEmpty();
    }
}
