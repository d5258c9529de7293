package io.mailserver.smtp.outbound.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.smtp.mailauth.DnsAnswer;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The caching rules of RFC 8461 §5, with the DNS and HTTPS answers scripted. */
class StsPoliciesTest {

    private static final String ENFORCE = "version: STSv1\nmode: enforce\nmx: mx.example.test\nmax_age: 86400\n";

    private static final class Scripted implements StsLookups {
        DnsAnswer<String> record = new DnsAnswer.Records<>(List.of("v=STSv1; id=1"));
        String body = ENFORCE;
        final AtomicInteger fetches = new AtomicInteger();

        @Override
        public Uni<DnsAnswer<String>> records(String domain) {
            return Uni.createFrom().item(record);
        }

        @Override
        public Uni<String> policy(String domain) {
            fetches.incrementAndGet();
            return body == null ? Uni.createFrom().failure(new IllegalStateException("unreachable")) : Uni.createFrom().item(body);
        }
    }

    private static final class Ticking extends Clock {
        Instant now = Instant.parse("2026-12-03T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Scripted lookups = new Scripted();
    private final Ticking clock = new Ticking();
    private final StsPolicies policies = new StsPolicies(lookups, clock, 100);

    private Optional<StsPolicy> policy() {
        return answer() instanceof StsPolicies.Answer.Policy found ? Optional.of(found.policy()) : Optional.empty();
    }

    private StsPolicies.Answer answer() {
        return policies.policy("example.test").await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void aPolicyIsFetchedOnceWhileItsIdStaysTheSame() {
        assertThat(policy()).map(StsPolicy::mode).contains(StsPolicy.Mode.ENFORCE);
        assertThat(policy()).isPresent();
        assertThat(lookups.fetches).hasValue(1);
        lookups.record = new DnsAnswer.Records<>(List.of("v=STSv1; id=2"));
        lookups.body = "version: STSv1\nmode: testing\nmx: mx.example.test\nmax_age: 86400\n";
        assertThat(policy()).map(StsPolicy::mode).contains(StsPolicy.Mode.TESTING);
        assertThat(lookups.fetches).hasValue(2);
    }

    @Test
    void anAttackerWhoStripsTheRecordOrBlocksThePolicyHostChangesNothingUntilMaxAge() {
        assertThat(policy()).isPresent();
        lookups.record = new DnsAnswer.None<>();
        assertThat(policy()).map(StsPolicy::mode).contains(StsPolicy.Mode.ENFORCE);
        lookups.record = new DnsAnswer.Failure<>("SERVFAIL");
        assertThat(policy()).map(StsPolicy::mode).contains(StsPolicy.Mode.ENFORCE);
        // a new id whose policy cannot be fetched, or is garbage: the cached one stays
        lookups.record = new DnsAnswer.Records<>(List.of("v=STSv1; id=3"));
        lookups.body = null;
        assertThat(policy()).map(StsPolicy::mode).contains(StsPolicy.Mode.ENFORCE);
        lookups.body = "garbage";
        assertThat(policy()).map(StsPolicy::mode).contains(StsPolicy.Mode.ENFORCE);
        clock.now = clock.now.plus(Duration.ofDays(1));
        lookups.record = new DnsAnswer.None<>();
        assertThat(policy()).isEmpty();
    }

    @Test
    void noRecordOrNoPolicyMeansNoProtectionAndModeNoneWithdrawsIt() {
        lookups.record = new DnsAnswer.None<>();
        assertThat(answer()).isInstanceOf(StsPolicies.Answer.None.class);
        // could not tell: mail goes on as without a policy, a REQUIRETLS message waits
        lookups.record = new DnsAnswer.Failure<>("SERVFAIL");
        assertThat(answer()).isInstanceOf(StsPolicies.Answer.Unknown.class);
        lookups.record = new DnsAnswer.Records<>(List.of("v=STSv1; id=1"));
        lookups.body = null;
        assertThat(answer()).isInstanceOf(StsPolicies.Answer.Unknown.class);
        clock.now = clock.now.plus(Duration.ofMinutes(StsPolicies.RETRY_FETCH_MINUTES));
        lookups.body = "garbage";
        assertThat(answer()).isInstanceOf(StsPolicies.Answer.Unknown.class);
        clock.now = clock.now.plus(Duration.ofMinutes(StsPolicies.RETRY_FETCH_MINUTES));
        lookups.body = ENFORCE;
        assertThat(policy()).isPresent();
        lookups.record = new DnsAnswer.Records<>(List.of("v=STSv1; id=2"));
        lookups.body = "version: STSv1\nmode: none\nmax_age: 86400\n";
        assertThat(answer()).isInstanceOf(StsPolicies.Answer.None.class);
    }

    @Test
    void theCacheIsBoundedAndAnExpiredPolicyIsFetchedAgain() {
        StsPolicies small = new StsPolicies(lookups, clock, 2);
        for (String domain : List.of("a.test", "b.test", "c.test")) {
            small.policy(domain).await().atMost(Duration.ofSeconds(5));
        }
        assertThat(small.size()).isEqualTo(2);
        assertThat(lookups.fetches).hasValue(3);
        // a.test went first; c.test is still cached under the same id
        small.policy("c.test").await().atMost(Duration.ofSeconds(5));
        assertThat(lookups.fetches).hasValue(3);
        clock.now = clock.now.plus(Duration.ofDays(2));
        small.policy("c.test").await().atMost(Duration.ofSeconds(5));
        assertThat(lookups.fetches).hasValue(4);
    }

    @Test
    void aFailedFetchIsNotRepeatedForFiveMinutes() {
        lookups.body = null;
        assertThat(answer()).isInstanceOf(StsPolicies.Answer.Unknown.class);
        assertThat(answer()).isInstanceOf(StsPolicies.Answer.Unknown.class);
        assertThat(lookups.fetches).hasValue(1);
        lookups.body = ENFORCE;
        clock.now = clock.now.plus(Duration.ofMinutes(StsPolicies.RETRY_FETCH_MINUTES));
        assertThat(policy()).isPresent();
        assertThat(lookups.fetches).hasValue(2);
    }
}
