package io.mailserver.smtp.outbound.mtasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StsPolicyTest {

    @Test
    void theRfcExamplePolicy() throws Exception {
        // RFC 8461 §3.2
        StsPolicy policy = StsPolicy.parse("version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\n"
                + "mx: backupmx.example.com\r\nmax_age: 604800\r\n");
        assertThat(policy.mode()).isEqualTo(StsPolicy.Mode.ENFORCE);
        assertThat(policy.maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(policy.mx()).containsExactly("mail.example.com", "*.example.net", "backupmx.example.com");
    }

    @Test
    void mxPatternsMatchAsSection4Says() throws Exception {
        StsPolicy policy = StsPolicy.parse("version: STSv1\nmode: testing\nmx: mail.example.com\nmx: *.example.net\nmax_age: 86400\n");
        assertThat(policy.permits("mail.example.com")).isTrue();
        assertThat(policy.permits("MAIL.example.com.")).isTrue();
        assertThat(policy.permits("mx1.example.net")).isTrue();
        // a wildcard stands for exactly one label
        assertThat(policy.permits("example.net")).isFalse();
        assertThat(policy.permits("a.b.example.net")).isFalse();
        assertThat(policy.permits("mail.example.com.evil.test")).isFalse();
        assertThat(policy.permits("xmail.example.com")).isFalse();
    }

    @Test
    void extensionsAreIgnoredAndNoneNeedsNoMx() throws Exception {
        StsPolicy none = StsPolicy.parse("version: STSv1\nmode: none\nmax_age: 0\nfuture_key: anything\n");
        assertThat(none.mode()).isEqualTo(StsPolicy.Mode.NONE);
        assertThat(StsPolicy.parse("version: STSv1\nmode: enforce\nmx: a.test\nmax_age: 9999999999").maxAge().getSeconds())
                .isEqualTo(StsPolicy.MAX_AGE_SECONDS);
        // the first of a repeated field counts; blank lines and a trailing dot on an mx name are harmless
        StsPolicy repeated = StsPolicy.parse("version: STSv1\nmode: enforce\nmode: none\n  \nmx: a.test.\nmax_age: 5\nmax_age: 9\n");
        assertThat(repeated.mode()).isEqualTo(StsPolicy.Mode.ENFORCE);
        assertThat(repeated.maxAge().getSeconds()).isEqualTo(5);
        assertThat(repeated.permits("a.test")).isTrue();
    }

    @Test
    void brokenPoliciesAreRefused() {
        for (String body : List.of("", "mode: enforce\nmx: a.test\nmax_age: 1\n",
                "version: STSv2\nmode: enforce\nmx: a.test\nmax_age: 1\n",
                "version: STSv1\nmode: enforce\nmax_age: 1\n",
                "version: STSv1\nmode: strict\nmx: a.test\nmax_age: 1\n",
                "version: STSv1\nmode: enforce\nmx: a.test\nmax_age: -1\n",
                "version: STSv1\nmode: enforce\nmx: a.test\n",
                "version: STSv1\nmode: enforce\nmx: *\nmax_age: 1\n",
                "version: STSv1\nmode: enforce\nmx: a..test\nmax_age: 1\n",
                "version: STSv1\nmode: enforce\nmx: a.test\r\nmx: b test\nmax_age: 1\n",
                "<html>not a policy</html>")) {
            assertThatThrownBy(() -> StsPolicy.parse(body)).as(body).isInstanceOf(StsPolicy.InvalidPolicy.class);
        }
    }

    @Test
    void records() {
        assertThat(StsRecord.of(List.of("v=STSv1; id=20160831085700Z;"))).contains(new StsRecord("20160831085700Z"));
        assertThat(StsRecord.of(List.of("v=STSv1;id=abc", "v=spf1 -all"))).contains(new StsRecord("abc"));
        assertThat(StsRecord.of(List.of("v=STSv1; id=abc; ext=1"))).contains(new StsRecord("abc"));
        // two records: none (RFC 8461 §3.1)
        assertThat(StsRecord.of(List.of("v=STSv1; id=a", "v=STSv1; id=b"))).isEmpty();
        assertThat(StsRecord.of(List.of("v=STSv1; id=not-alnum"))).isEmpty();
        assertThat(StsRecord.of(List.of("v=STSv1;"))).isEmpty();
        assertThat(StsRecord.of(List.of("v=STSv10; id=a"))).isEmpty();
        assertThat(StsRecord.of(List.of("v=STSv10; id=a", "v=STSv1; id=b"))).contains(new StsRecord("b"));
        assertThat(StsRecord.of(List.of("v=STSv1; id=a; id=b"))).contains(new StsRecord("a"));
        assertThat(StsRecord.of(List.of())).isEqualTo(Optional.empty());
    }
}
