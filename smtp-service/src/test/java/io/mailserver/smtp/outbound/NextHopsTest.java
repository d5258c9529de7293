package io.mailserver.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.smtp.client.AttemptOutcome;
import io.mailserver.smtp.outbound.mtasts.StsPolicies;
import io.mailserver.smtp.outbound.mtasts.StsPolicy;
import io.mailserver.smtp.outbound.tls.TlsPolicy;
import io.mailserver.smtp.outbound.dane.Tlsa;
import io.mailserver.smtp.outbound.dane.TlsaLookup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NextHopsTest {

    private static final List<MailExchangers.Lookup.Exchange> EXCHANGES = List.of(
            new MailExchangers.Lookup.Exchange("mx1.example.test", "192.0.2.1"),
            new MailExchangers.Lookup.Exchange("backup.other.test", "192.0.2.2"));

    private static StsPolicies.Answer policy(String mode) throws Exception {
        return new StsPolicies.Answer.Policy(StsPolicy.parse("version: STSv1\nmode: " + mode + "\nmx: *.example.test\nmax_age: 60\n"));
    }

    private static List<NextHops.Hop> tried(NextHops.Choice choice) {
        assertThat(choice).isInstanceOf(NextHops.Choice.Try.class);
        return ((NextHops.Choice.Try) choice).hops();
    }

    private static void settled(NextHops.Choice choice, AttemptOutcome.Kind kind, String code) {
        assertThat(choice).isInstanceOfSatisfying(NextHops.Choice.Settle.class, settle -> {
            assertThat(settle.kind()).isEqualTo(kind);
            assertThat(settle.diagnostic()).startsWith(code);
        });
    }

    @Test
    void withoutAPolicyOrInTestingModeEveryMxIsTriedOpportunistically() throws Exception {
        for (StsPolicies.Answer answer : List.of(new StsPolicies.Answer.None(), new StsPolicies.Answer.Unknown("x"), policy("testing"))) {
            assertThat(tried(NextHops.mx("example.test", EXCHANGES, 25, answer, false, Map.of())))
                    .extracting(NextHops.Hop::tls).containsOnly(TlsPolicy.OPPORTUNISTIC).hasSize(2);
        }
    }

    @Test
    void enforceKeepsTheListedHostsAndVerifiesTheirNames() throws Exception {
        assertThat(tried(NextHops.mx("example.test", EXCHANGES, 25, policy("enforce"), false, Map.of()))).containsExactly(
                new NextHops.Hop("192.0.2.1", 25, new TlsPolicy.Verified("mx1.example.test", "the MTA-STS policy of example.test")));
        settled(NextHops.mx("example.test", List.of(EXCHANGES.get(1)), 25, policy("enforce"), false, Map.of()),
                AttemptOutcome.Kind.DEFERRED, "4.7.5");
    }

    @Test
    void requireTlsNeedsAnAuthenticatedMxAndWaitsWhenThePolicyCannotBeRead() throws Exception {
        assertThat(tried(NextHops.mx("example.test", EXCHANGES, 25, policy("testing"), true, Map.of()))).containsExactly(
                new NextHops.Hop("192.0.2.1", 25, new TlsPolicy.Verified("mx1.example.test", "REQUIRETLS")));
        settled(NextHops.mx("example.test", EXCHANGES, 25, new StsPolicies.Answer.None(), true, Map.of()),
                AttemptOutcome.Kind.BOUNCED, "5.7.10");
        settled(NextHops.mx("example.test", EXCHANGES, 25, new StsPolicies.Answer.Unknown("DNS failed"), true, Map.of()),
                AttemptOutcome.Kind.DEFERRED, "4.7.10");
    }

    @Test
    void routesAreVerifiedByTheirNameUnderRequireTlsAndAnAddressCannotBe() {
        assertThat(tried(NextHops.route(new Routes.Target("relay.example.test", 25), false)))
                .containsExactly(new NextHops.Hop("relay.example.test", 25, TlsPolicy.OPPORTUNISTIC));
        assertThat(tried(NextHops.route(new Routes.Target("relay.example.test", 587), true)))
                .containsExactly(new NextHops.Hop("relay.example.test", 587, new TlsPolicy.Verified("relay.example.test", "REQUIRETLS")));
        settled(NextHops.route(new Routes.Target("10.0.0.5", 25), true), AttemptOutcome.Kind.BOUNCED, "5.7.10");
        settled(NextHops.route(new Routes.Target("2001:db8::5", 25), true), AttemptOutcome.Kind.BOUNCED, "5.7.10");
    }

    private static final Tlsa EE = new Tlsa(3, 1, 1, new byte[32]);
    private static final Tlsa PKIX = new Tlsa(1, 1, 1, new byte[32]);

    @Test
    void aHostWithUsableTlsaRecordsIsAuthenticatedByThemWhateverMtaStsSays() throws Exception {
        Map<String, TlsaLookup> tlsa = Map.of("backup.other.test", new TlsaLookup.Found(List.of(EE, PKIX)));
        TlsPolicy dane = new TlsPolicy.Dane("backup.other.test", List.of(EE));
        assertThat(tried(NextHops.mx("example.test", EXCHANGES, 25, new StsPolicies.Answer.None(), false, tlsa)))
                .containsExactly(new NextHops.Hop("192.0.2.1", 25, TlsPolicy.OPPORTUNISTIC), new NextHops.Hop("192.0.2.2", 25, dane));
        // enforce names only mx1, yet DANE (RFC 8461 §2) keeps the backup, authenticated its own way
        assertThat(tried(NextHops.mx("example.test", EXCHANGES, 25, policy("enforce"), false, tlsa))).containsExactly(
                new NextHops.Hop("192.0.2.1", 25, new TlsPolicy.Verified("mx1.example.test", "the MTA-STS policy of example.test")),
                new NextHops.Hop("192.0.2.2", 25, dane));
        // and REQUIRETLS may go to it without any MTA-STS policy
        assertThat(tried(NextHops.mx("example.test", EXCHANGES, 25, new StsPolicies.Answer.None(), true, tlsa)))
                .containsExactly(new NextHops.Hop("192.0.2.2", 25, dane));
    }

    @Test
    void recordsInAnotherOrderAreTheSamePolicySoSessionsAreShared() {
        Tlsa next = new Tlsa(3, 1, 1, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
            25, 26, 27, 28, 29, 30, 31, 32});
        assertThat(new TlsPolicy.Dane("mx.example.test", List.of(EE, next))).isEqualTo(new TlsPolicy.Dane("mx.example.test", List.of(next, EE)));
    }

    @Test
    void unusableRecordsStillDemandTlsButCannotCarryRequireTls() throws Exception {
        Map<String, TlsaLookup> tlsa = Map.of("mx1.example.test", new TlsaLookup.Found(List.of(PKIX)));
        assertThat(tried(NextHops.mx("example.test", EXCHANGES, 25, new StsPolicies.Answer.None(), false, tlsa))).containsExactly(
                new NextHops.Hop("192.0.2.1", 25, new TlsPolicy.Encrypted("mx1.example.test")),
                new NextHops.Hop("192.0.2.2", 25, TlsPolicy.OPPORTUNISTIC));
        settled(NextHops.mx("example.test", EXCHANGES, 25, new StsPolicies.Answer.None(), true, tlsa),
                AttemptOutcome.Kind.BOUNCED, "5.7.10");
        // under an enforced MTA-STS policy a host it does not name stays out, whatever its unusable records say
        Map<String, TlsaLookup> unlisted = Map.of("backup.other.test", new TlsaLookup.Found(List.of(PKIX)));
        assertThat(tried(NextHops.mx("example.test", EXCHANGES, 25, policy("enforce"), false, unlisted))).containsExactly(
                new NextHops.Hop("192.0.2.1", 25, new TlsPolicy.Verified("mx1.example.test", "the MTA-STS policy of example.test")));
    }

    @Test
    void aHostWhoseTlsaLookupFailedIsNotTriedAndAloneDefers() throws Exception {
        Map<String, TlsaLookup> tlsa = Map.of("mx1.example.test", new TlsaLookup.Failed("the TLSA lookup of mx1.example.test failed"));
        assertThat(tried(NextHops.mx("example.test", EXCHANGES, 25, new StsPolicies.Answer.None(), false, tlsa)))
                .containsExactly(new NextHops.Hop("192.0.2.2", 25, TlsPolicy.OPPORTUNISTIC));
        settled(NextHops.mx("example.test", List.of(EXCHANGES.get(0)), 25, new StsPolicies.Answer.None(), false, tlsa),
                AttemptOutcome.Kind.DEFERRED, "4.7.5 the TLSA lookup of mx1.example.test failed");
        // REQUIRETLS would have bounced for want of a policy, but the failed lookup may have hidden DANE
        settled(NextHops.mx("example.test", List.of(EXCHANGES.get(0)), 25, new StsPolicies.Answer.None(), true, tlsa),
                AttemptOutcome.Kind.DEFERRED, "4.7.5");
    }
}
