package io.mailserver.smtp.mailauth.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailserver.smtp.mailauth.InMemoryDns;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** RFC 7208 §7.4's macro examples, and the macro errors that make a record a permerror. */
class MacroExpanderTest {

    private static MacroExpander.Context context(String ip) {
        InetAddress address = InMemoryDns.address(ip);
        return new MacroExpander.Context("strong-bad@email.example.com", "strong-bad", "email.example.com",
                "email.example.com", address, "mx.example.org", "receiver.example.net", () -> "unknown");
    }

    private static String expand(String spec) throws SpfSyntaxException {
        return MacroExpander.expand(spec, context("192.0.2.3"), false);
    }

    @Test
    void theSection74Examples() throws SpfSyntaxException {
        assertThat(expand("%{s}")).isEqualTo("strong-bad@email.example.com");
        assertThat(expand("%{o}")).isEqualTo("email.example.com");
        assertThat(expand("%{d}")).isEqualTo("email.example.com");
        assertThat(expand("%{d4}")).isEqualTo("email.example.com");
        assertThat(expand("%{d3}")).isEqualTo("email.example.com");
        assertThat(expand("%{d2}")).isEqualTo("example.com");
        assertThat(expand("%{d1}")).isEqualTo("com");
        assertThat(expand("%{dr}")).isEqualTo("com.example.email");
        assertThat(expand("%{d2r}")).isEqualTo("example.email");
        assertThat(expand("%{l}")).isEqualTo("strong-bad");
        assertThat(expand("%{l-}")).isEqualTo("strong.bad");
        assertThat(expand("%{lr}")).isEqualTo("strong-bad");
        assertThat(expand("%{lr-}")).isEqualTo("bad.strong");
        assertThat(expand("%{l1r-}")).isEqualTo("strong");
    }

    @Test
    void theSection74CompositeExamples() throws SpfSyntaxException {
        assertThat(expand("%{ir}.%{v}._spf.%{d2}")).isEqualTo("3.2.0.192.in-addr._spf.example.com");
        assertThat(expand("%{lr-}.lp._spf.%{d2}")).isEqualTo("bad.strong.lp._spf.example.com");
        assertThat(expand("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}")).isEqualTo("bad.strong.lp.3.2.0.192.in-addr._spf.example.com");
        assertThat(expand("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}")).isEqualTo("3.2.0.192.in-addr.strong.lp._spf.example.com");
        assertThat(expand("%{d2}.trusted-domains.example.net")).isEqualTo("example.com.trusted-domains.example.net");
    }

    @Test
    void ipv6AddressesExpandAsDottedNibbles() throws SpfSyntaxException {
        assertThat(MacroExpander.expand("%{ir}.%{v}._spf.%{d2}", context("2001:db8::cb01"), false)).isEqualTo(
                "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");
    }

    @Test
    void escapesUppercaseLettersAndExplanationOnlyLetters() throws SpfSyntaxException {
        assertThat(expand("%%%_%-")).isEqualTo("% %20");
        assertThat(expand("%{h}")).isEqualTo("mx.example.org");
        assertThat(expand("%{S}")).isEqualTo("strong-bad%40email.example.com");
        assertThat(MacroExpander.expand("%{r} %{c}", context("192.0.2.3"), true)).isEqualTo("receiver.example.net 192.0.2.3");
        assertThat(expand("%{d99999999999}")).isEqualTo("email.example.com");
    }

    @Test
    void malformedMacrosAreSyntaxErrors() {
        for (String bad : new String[] {"%", "%x", "%{", "%{}", "%{z}", "%{d0}", "%{d2x}", "%{c}", "%{r}", "%{t}", "a b", "é"}) {
            assertThatThrownBy(() -> expand(bad)).as(bad).isInstanceOf(SpfSyntaxException.class);
        }
    }
}
