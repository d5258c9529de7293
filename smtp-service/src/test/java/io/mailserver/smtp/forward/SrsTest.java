package io.mailserver.smtp.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SrsTest {

    static final byte[] SECRET = "first secret, 16+ bytes".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OTHER = "another secret of 16+ bytes".getBytes(StandardCharsets.US_ASCII);
    /** Day 20000 since the epoch (2024-10-04), 20000 mod 1024 = 544 = "RA". */
    static final long DAY = 20_000;

    static Clock onDay(long day) {
        return Clock.fixed(Instant.ofEpochSecond(day * 86_400 + 12 * 3600), ZoneOffset.UTC);
    }

    static Srs srs(long day, byte[]... secrets) {
        return new Srs(List.of(secrets), Srs.DEFAULT_MAX_AGE, onDay(day));
    }

    private final Srs srs = srs(DAY, SECRET);

    @Test
    void srs0RoundTrip() {
        String rewritten = srs.forward("alice@example.org", "fwd.example");
        assertThat(rewritten).matches("SRS0=[A-Za-z0-9+/]{4}=RA=example\\.org=alice@fwd\\.example");
        assertThat(srs.reverse(rewritten)).contains("alice@example.org");
        assertThat(Srs.looksLikeSrs(rewritten)).isTrue();
    }

    @Test
    void caseIsKeptInTheAddressAndIgnoredInTheHash() {
        String rewritten = srs.forward("Alice.Smith@Example.ORG", "Fwd.Example");
        assertThat(rewritten).endsWith("=RA=Example.ORG=Alice.Smith@Fwd.Example");
        assertThat(srs.reverse(rewritten)).contains("Alice.Smith@Example.ORG");
        String lower = rewritten.toLowerCase(java.util.Locale.ROOT);
        assertThat(srs.reverse(lower)).contains("alice.smith@example.org");
        String upper = rewritten.toUpperCase(java.util.Locale.ROOT);
        assertThat(srs.reverse(upper)).contains("ALICE.SMITH@EXAMPLE.ORG");
    }

    @Test
    void srs1FromSrs0AndBack() {
        Srs first = srs(DAY, OTHER);
        String srs0 = first.forward("bob@example.org", "first.example");
        String srs1 = srs.forward(srs0, "second.example");
        String srs0Rest = srs0.substring(4, srs0.indexOf('@'));
        assertThat(srs1).matches("SRS1=[A-Za-z0-9+/]{4}=first\\.example=\\Q" + srs0Rest + "\\E@second\\.example");
        assertThat(srs1).contains("=first.example==");
        assertThat(srs.reverse(srs1)).contains(srs0);
        assertThat(first.reverse(srs0)).contains("bob@example.org");
        // only the forwarder that wrote it can reverse it
        assertThat(first.reverse(srs1)).isEmpty();
    }

    @Test
    void srs1FromSrs1KeepsTheFirstForwarderWithANewHash() {
        String srs0 = srs(DAY, OTHER).forward("bob@example.org", "first.example");
        String srs1 = srs(DAY, OTHER).forward(srs0, "second.example");
        String again = srs.forward(srs1, "third.example");
        assertThat(again).startsWith("SRS1=").endsWith("=first.example=" + srs0.substring(4, srs0.indexOf('@')) + "@third.example");
        assertThat(again.substring(5, 9)).isNotEqualTo(srs1.substring(5, 9));
        assertThat(srs.reverse(again)).contains(srs0);
        assertThat(srs(DAY, OTHER).reverse(again)).isEmpty();
    }

    @Test
    void srs1ForwardingDoesNotExpire() {
        String srs1 = srs.forward("SRS0=abcd=AA=example.org=bob@first.example", "second.example");
        assertThat(srs(DAY + 500, SECRET).reverse(srs1)).contains("SRS0=abcd=AA=example.org=bob@first.example");
    }

    @Test
    void aForeignSrs0SeparatorIsKept() {
        String srs1 = srs.forward("srs0+abcd=AA=example.org=bob@first.example", "second.example");
        assertThat(srs1).contains("=first.example=+abcd=AA=");
        assertThat(srs.reverse(srs1)).contains("SRS0+abcd=AA=example.org=bob@first.example");
    }

    @Test
    void aMalformedSrs1IsWrappedAsSrs0() {
        for (String sender : List.of("SRS1=abcd@example.org", "SRS1=abcd=not_a_host=x@example.org", "SRS1=abcd=host.example=@example.org")) {
            String rewritten = srs.forward(sender, "fwd.example");
            assertThat(rewritten).as(sender).startsWith("SRS0=");
            assertThat(srs.reverse(rewritten)).as(sender).contains(sender);
        }
    }

    @Test
    void wrongSecretFails() {
        String rewritten = srs.forward("alice@example.org", "fwd.example");
        assertThat(srs(DAY, OTHER).reverse(rewritten)).isEmpty();
    }

    @Test
    void rotatedSecretStillVerifies() {
        String old = srs.forward("alice@example.org", "fwd.example");
        Srs rotated = srs(DAY, OTHER, SECRET);
        assertThat(rotated.reverse(old)).contains("alice@example.org");
        String fresh = rotated.forward("alice@example.org", "fwd.example");
        assertThat(fresh).isNotEqualTo(old);
        assertThat(srs(DAY, OTHER).reverse(fresh)).contains("alice@example.org");
        assertThat(srs.reverse(fresh)).isEmpty();
    }

    @Test
    void tamperedFieldsFail() {
        String rewritten = srs.forward("alice@example.org", "fwd.example");
        assertThat(srs.reverse(rewritten.replace("alice", "alicf"))).isEmpty();
        assertThat(srs.reverse(rewritten.replace("example.org", "example.net"))).isEmpty();
        assertThat(srs.reverse(rewritten.replace("=RA=", "=RB="))).isEmpty();
        String hash = rewritten.substring(5, 9);
        assertThat(srs.reverse(rewritten.replace(hash, flip(hash)))).isEmpty();
        // the forwarder's domain is not signed: which domains are ours is the caller's business
        assertThat(srs.reverse(rewritten.replace("@fwd.example", "@other.example"))).contains("alice@example.org");
    }

    private static String flip(String hash) {
        char c = hash.charAt(0);
        return (c == 'A' ? 'B' : 'A') + hash.substring(1);
    }

    @Test
    void validForMaxAgeDaysThenExpired() {
        String rewritten = srs.forward("alice@example.org", "fwd.example");
        assertThat(srs(DAY + 21, SECRET).reverse(rewritten)).contains("alice@example.org");
        assertThat(srs(DAY + 22, SECRET).reverse(rewritten)).isEmpty();
        assertThat(srs(DAY - 1, SECRET).reverse(rewritten)).as("from the future").isEmpty();
        assertThat(srs(DAY + 1024, SECRET).reverse(rewritten)).as("the cycle comes round again, as in Mail::SRS").isPresent();
        Srs shortLived = new Srs(List.of(SECRET), Duration.ofDays(2), onDay(DAY + 3));
        assertThat(shortLived.reverse(rewritten)).isEmpty();
    }

    @Test
    void timestampWrapsAroundAt1024Days() {
        long lastSlot = 20 * 1024 - 1; // slot 1023
        String rewritten = srs(lastSlot, SECRET).forward("alice@example.org", "fwd.example");
        assertThat(rewritten).contains("=77=");
        assertThat(srs(lastSlot + 1, SECRET).forward("alice@example.org", "fwd.example")).contains("=AA=");
        assertThat(srs(lastSlot + 1, SECRET).reverse(rewritten)).contains("alice@example.org");
        assertThat(srs(lastSlot + 21, SECRET).reverse(rewritten)).contains("alice@example.org");
        assertThat(srs(lastSlot + 22, SECRET).reverse(rewritten)).isEmpty();
        assertThat(Srs.timestamp(0)).isEqualTo("AA");
        assertThat(Srs.timestamp(33)).isEqualTo("BB");
        assertThat(Srs.timestamp(1024 + 33)).isEqualTo("BB");
    }

    @Test
    void caseFoldedTagHashAndTimestampAccepted() {
        String rewritten = srs.forward("alice@example.org", "fwd.example");
        String hash = rewritten.substring(5, 9);
        assertThat(srs.reverse("srs0=" + hash.toLowerCase(java.util.Locale.ROOT) + "=ra=example.org=alice@fwd.example")).contains("alice@example.org");
        assertThat(srs.reverse("Srs0=" + hash.toUpperCase(java.util.Locale.ROOT) + "=RA=EXAMPLE.ORG=ALICE@FWD.EXAMPLE")).contains("ALICE@EXAMPLE.ORG");
        String srs1 = srs.forward("SRS0=abcd=AA=example.org=bob@first.example", "second.example");
        assertThat(srs.reverse(srs1.toLowerCase(java.util.Locale.ROOT))).contains("SRS0=abcd=aa=example.org=bob@first.example");
    }

    @Test
    void longerHashPrefixesVerifyAsInMailSrs() {
        assertThat(srs.reverse(signedSrs0("RA", "example.org", "alice", 27))).contains("alice@example.org");
        assertThat(srs.reverse(signedSrs0("RA", "example.org", "alice", 9))).contains("alice@example.org");
        assertThat(srs.reverse(signedSrs0("RA", "example.org", "alice", 3))).as("below HashMin").isEmpty();
        String full = signedSrs0("RA", "example.org", "alice", 27);
        assertThat(srs.reverse(full.replace("=RA=", "X=RA="))).as("longer than HMAC-SHA1").isEmpty();
    }

    @Test
    void nullReversePathStaysNull() {
        assertThat(srs.forward("", "fwd.example")).isEmpty();
        assertThat(srs.reverse("")).isEmpty();
    }

    @Test
    void senderInTheForwardingDomainIsNotRewritten() {
        assertThat(srs.forward("alice@Fwd.Example", "fwd.example")).isEqualTo("alice@Fwd.Example");
    }

    @Test
    void aForwardingDomainThatIsNoHostnameIsACallerBug() {
        assertThatThrownBy(() -> srs.forward("alice@example.org", "fwd.example\r\nRCPT TO:<x>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> srs.forward("alice@example.org", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorRefusesWeakConfiguration() {
        Clock clock = onDay(DAY);
        assertThatThrownBy(() -> new Srs(List.of(), Srs.DEFAULT_MAX_AGE, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Srs(List.of("short".getBytes(StandardCharsets.US_ASCII)), Srs.DEFAULT_MAX_AGE, clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Srs(List.of(SECRET), Duration.ofHours(36), clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Srs(List.of(SECRET), Duration.ZERO, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Srs(List.of(SECRET), Duration.ofDays(1024), clock)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretsAreCopied() {
        byte[] secret = SECRET.clone();
        Srs copy = new Srs(List.of(secret), Srs.DEFAULT_MAX_AGE, onDay(DAY));
        String rewritten = copy.forward("alice@example.org", "fwd.example");
        secret[0] ^= 1;
        assertThat(copy.reverse(rewritten)).contains("alice@example.org");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "alice@example.org", // not SRS at all
        "SRS0@fwd.example", "SRS0=@fwd.example", "SRS0=abcd@fwd.example", "SRS0=abcd=RA@fwd.example",
        "SRS0=abcd=RA=example.org@fwd.example", // missing parts
        "SRS0==RA=example.org=alice@fwd.example", // empty hash
        "SRS0=abcd==RA=example.org=alice@fwd.example", // extra =
        "SRS0=abcd=RA=example.org=@fwd.example", // empty local
        "SRS0=abcd=RA==alice@fwd.example", // empty domain
        "SRS1=abcd@fwd.example", "SRS1=abcd=first.example@fwd.example", "SRS1=@fwd.example",
        "SRS0=abcd=RA=example.org=alice", "SRS0=abcd=RA=example.org=alice@", "@fwd.example",
        "SRS2=abcd=RA=example.org=alice@fwd.example", "SRS0_abcd=RA=example.org=alice@fwd.example"})
    void malformedIsEmpty(String address) {
        assertThat(srs.reverse(address)).isEmpty();
    }

    @Test
    void malformedButCorrectlySignedIsEmpty() {
        // a valid hash over fields that do not make a mailbox: a bug or a leaked secret must not become a relay
        assertThat(srs.reverse(signedSrs0("RA", "example.org", "a..b"))).isEmpty();
        assertThat(srs.reverse(signedSrs0("RA", "exa_mple.org", "alice"))).isEmpty();
        assertThat(srs.reverse(signedSrs0("RA", "example.org", "alice@evil.example"))).isEmpty();
        assertThat(srs.reverse(signedSrs0("R", "example.org", "alice"))).isEmpty();
        assertThat(srs.reverse(signedSrs0("R1", "example.org", "alice"))).isEmpty();
        assertThat(srs.reverse(signedSrs0("RA", "example.org", "x".repeat(300)))).isEmpty();
        assertThat(srs.reverse(signedSrs0("RA", "example.org", "alice"))).contains("alice@example.org");
    }

    /** An SRS0 address over these fields with our secret, however malformed: what only a forger with the secret could write. */
    private static String signedSrs0(String timestamp, String domain, String local) {
        return signedSrs0(timestamp, domain, local, 4);
    }

    private static String signedSrs0(String timestamp, String domain, String local, int hashLength) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA1"));
            mac.update((timestamp + domain + local).toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
            String hash = java.util.Base64.getEncoder().withoutPadding().encodeToString(mac.doFinal()).substring(0, hashLength);
            return "SRS0=" + hash + "=" + timestamp + "=" + domain + "=" + local + "@fwd.example";
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void veryLongIsEmpty() {
        assertThat(srs.reverse("SRS0=abcd=RA=example.org=" + "a".repeat(10_000) + "@fwd.example")).isEmpty();
        assertThat(srs.reverse("SRS0=" + "=".repeat(300) + "@fwd.example")).isEmpty();
    }

    @Test
    void resultMustFitTheRfc5321Limits() {
        // SRS0=HHHH=TT= (13) + domain + "=" + local + "@" + forwarding domain <= 254; a local part over 64 is fine
        String domain = "example.org"; // 11
        String fits = "a".repeat(254 - 13 - 11 - 1 - 1 - "fwd.example".length());
        String rewritten = srs.forward(fits + "@" + domain, "fwd.example");
        assertThat(rewritten).startsWith("SRS0=").hasSize(254);
        assertThat(srs.reverse(rewritten)).contains(fits + "@" + domain);
        String tooLong = fits + "b@" + domain;
        assertThat(srs.forward(tooLong, "fwd.example")).isEqualTo(tooLong);
        String longDomain = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(59));
        assertThat(srs.forward("x@example.org", longDomain)).as("254 octets overall").isEqualTo("x@example.org");
        String srs0 = "SRS0=abcd=RA=example.org=" + "y".repeat(39) + "@first.example";
        assertThat(srs.forward(srs0, "second.example")).as("SRS1 over 64").startsWith("SRS1=");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"john doe\"@example.org", "\"john\"@example.org", "\"a@b\"@example.org", "john doe@example.org",
        "john\r\nRCPT TO:<x@y>@example.org", "john\n@example.org", "john\0@example.org", "jo<hn>@example.org",
        "john(comment)@example.org", "a..b@example.org", ".john@example.org", "john.@example.org",
        "jöhn@example.org", "john@exämple.org", "john@[192.0.2.1]", "john@example.org.", "john@-example.org",
        "john@exa_mple.org", "john@example.org\r\n", "john", "@example.org", "john@", "a@b@example.org",
        "john@example=org", "john@@example.org", "\u0001@example.org", "jo\\hn@example.org", "jo,hn@example.org",
        "jo;hn@example.org", "jo:hn@example.org", "jo]hn@example.org"})
    void hostileOrUnquotableSendersAreLeftUnchanged(String sender) {
        assertThat(srs.forward(sender, "fwd.example")).isEqualTo(sender);
    }

    @ParameterizedTest
    @ValueSource(strings = {"o'brien@example.org", "a+tag@example.org", "a=b=c@example.org", "{x}|~!#$%&*/?^_`-@example.org",
        "first.last@sub.example.org", "SRS0@example.org", "srs1@example.org", "x@a.b", "x@1.2.3.4.in-addr.example"})
    void unusualButPlainSendersRoundTrip(String sender) {
        String rewritten = srs.forward(sender, "fwd.example");
        assertThat(rewritten).startsWith("SRS0=");
        assertThat(Srs.isDotString(rewritten.substring(0, rewritten.lastIndexOf('@')))).isTrue();
        assertThat(srs.reverse(rewritten)).contains(sender);
    }

    @Test
    void hostileReverseInputsAreEmpty() {
        String rewritten = srs.forward("alice@example.org", "fwd.example");
        assertThat(srs.reverse(rewritten + "\r\n")).isEmpty();
        assertThat(srs.reverse(rewritten.replace("alice", "ali ce"))).isEmpty();
        assertThat(srs.reverse(" " + rewritten)).isEmpty();
        assertThat(srs.reverse(null)).isEmpty();
    }

    @Test
    void looksLikeSrs() {
        assertThat(Srs.looksLikeSrs("SRS0=abcd=RA=example.org=alice@fwd.example")).isTrue();
        assertThat(Srs.looksLikeSrs("srs1=anything@fwd.example")).isTrue();
        assertThat(Srs.looksLikeSrs("Srs0+x")).isTrue();
        assertThat(Srs.looksLikeSrs("SRS0-x@fwd.example")).isTrue();
        assertThat(Srs.looksLikeSrs("SRS0=")).isTrue();
        assertThat(Srs.looksLikeSrs("SRS0@fwd.example")).isFalse();
        assertThat(Srs.looksLikeSrs("SRS2=x@fwd.example")).isFalse();
        assertThat(Srs.looksLikeSrs("alice@example.org")).isFalse();
        assertThat(Srs.looksLikeSrs("x@SRS0=y")).isFalse();
        assertThat(Srs.looksLikeSrs("")).isFalse();
        assertThat(Srs.looksLikeSrs(null)).isFalse();
    }

    @Test
    void reverseOfANonSrsAddressIsEmptyAndNotSrs() {
        Optional<String> reversed = srs.reverse("alice@example.org");
        assertThat(reversed).isEmpty();
        assertThat(Srs.looksLikeSrs("alice@example.org")).isFalse();
    }
}
