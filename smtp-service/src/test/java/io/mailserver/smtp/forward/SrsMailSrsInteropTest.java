package io.mailserver.smtp.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interop with Perl's Mail::SRS (Debian's libmail-srs-perl), the reference implementation, run by the system
 * perl with the same secrets and a clock on the same day: a round trip through our own codec would pass even if
 * forward and reverse shared a misreading of the scheme. Fails where that package is not installed (.ci/run
 * installs it), since a skipped interop test would let the check go missing unnoticed.
 */
class SrsMailSrsInteropTest {

    static final String PERL = "/usr/bin/perl";
    static final String SECRET = "interop secret, at least 16 bytes";
    static final String OLD_SECRET = "the previous secret before rotation";
    static final String OTHER_FORWARDER = "somebody else's secret, 16+ bytes";
    static final long DAY = 20_000;

    static final List<String> SENDERS = List.of("alice@example.org", "Alice.Smith@Example.ORG", "o'brien+tag@sub.example.org",
            "a=b=c@example.org", "{x}|~!#$%&*/?^_`-@example.net", "SRS0@example.org", "x@a.b");

    @BeforeAll
    static void mailSrsIsInstalled() throws Exception {
        boolean present = Files.isExecutable(Path.of(PERL))
                && new ProcessBuilder(PERL, "-MMail::SRS", "-e", "1").redirectErrorStream(true).start().waitFor() == 0;
        assertThat(present).as("needs " + PERL + " with Mail::SRS (apt-get install libmail-srs-perl)").isTrue();
    }

    static long noonOf(long day) {
        return day * 86_400 + 12 * 3600;
    }

    static Srs ours(long day, String... secrets) {
        List<byte[]> bytes = new ArrayList<>();
        for (String secret : secrets) {
            bytes.add(secret.getBytes(StandardCharsets.US_ASCII));
        }
        return new Srs(bytes, Srs.DEFAULT_MAX_AGE, Clock.fixed(Instant.ofEpochSecond(noonOf(day)), ZoneOffset.UTC));
    }

    /** Mail::SRS (MaxAge 21, HashLength 4) on that day: each line "forward\tsender\tdomain" or "reverse\taddress". */
    static List<String> mailSrs(long day, List<String> secrets, List<String> lines) throws Exception {
        Path script = Files.createTempFile("mail-srs", ".pl");
        script.toFile().deleteOnExit();
        try (InputStream in = SrsMailSrsInteropTest.class.getResourceAsStream("/mail-srs.pl")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of(PERL, script.toString(), Long.toString(noonOf(day))));
        command.addAll(secrets);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        List<String> results = output.lines().toList();
        assertThat(results).as(output).hasSize(lines.size());
        return results;
    }

    static List<String> mailSrsForward(long day, List<String> secrets, List<String> senders, String domain) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String sender : senders) {
            lines.add("forward\t" + sender + "\t" + domain);
        }
        return mailSrs(day, secrets, lines);
    }

    static List<String> mailSrsReverse(long day, List<String> secrets, List<String> addresses) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String address : addresses) {
            lines.add("reverse\t" + address);
        }
        return mailSrs(day, secrets, lines);
    }

    static String ok(String value) {
        return "ok\t" + value;
    }

    @Test
    void mailSrsReversesWhatWeForwardAndForwardsTheSame() throws Exception {
        Srs srs = ours(DAY, SECRET);
        List<String> ourForwards = SENDERS.stream().map(s -> srs.forward(s, "fwd.example")).toList();
        List<String> theirForwards = mailSrsForward(DAY, List.of(SECRET), SENDERS, "fwd.example");
        List<String> theirReverses = mailSrsReverse(DAY, List.of(SECRET), ourForwards);
        for (int i = 0; i < SENDERS.size(); i++) {
            assertThat(ourForwards.get(i)).startsWith("SRS0=");
            assertThat(theirForwards.get(i)).as("byte for byte").isEqualTo(ok(ourForwards.get(i)));
            assertThat(theirReverses.get(i)).isEqualTo(ok(SENDERS.get(i)));
        }
    }

    @Test
    void weReverseWhatMailSrsForwards() throws Exception {
        Srs srs = ours(DAY, SECRET);
        List<String> theirForwards = mailSrsForward(DAY, List.of(SECRET), SENDERS, "fwd.example");
        for (int i = 0; i < SENDERS.size(); i++) {
            String forwarded = theirForwards.get(i).substring(3);
            assertThat(srs.reverse(forwarded)).contains(SENDERS.get(i));
            assertThat(srs.reverse(forwarded.toLowerCase(Locale.ROOT))).as("case smashed").contains(SENDERS.get(i).toLowerCase(Locale.ROOT));
        }
    }

    /** SRS0 from another forwarder, then SRS1 at a second, then SRS1 again at a third: each step by either side. */
    @Test
    void srs1ChainsInteroperate() throws Exception {
        String srs0 = mailSrsForward(DAY, List.of(OTHER_FORWARDER), List.of("bob@example.org"), "first.example").get(0).substring(3);
        assertThat(srs0).startsWith("SRS0=");
        Srs srs = ours(DAY, SECRET);

        String ourSrs1 = srs.forward(srs0, "second.example");
        String ourSrs1Again = srs.forward(ourSrs1, "third.example");
        List<String> theirs = mailSrsForward(DAY, List.of(SECRET), List.of(srs0, ourSrs1), "second.example");
        assertThat(theirs.get(0)).isEqualTo(ok(ourSrs1));
        assertThat(theirs.get(1)).isEqualTo(ok(ourSrs1Again.replace("@third.example", "@second.example")));
        assertThat(ourSrs1).startsWith("SRS1=").contains("=first.example==");
        assertThat(ourSrs1Again).startsWith("SRS1=").contains("=first.example==");

        List<String> theirReverses = mailSrsReverse(DAY, List.of(SECRET),
                List.of(ourSrs1, ourSrs1Again, ourSrs1.toLowerCase(Locale.ROOT)));
        assertThat(theirReverses.get(0)).isEqualTo(ok(srs0));
        assertThat(theirReverses.get(1)).isEqualTo(ok(srs0));
        assertThat(theirReverses.get(2)).isEqualTo(ok("SRS0" + srs0.substring(4).toLowerCase(Locale.ROOT)));

        // and Mail::SRS's SRS1 addresses, from SRS0 and from SRS1, reversed by us
        String theirSrs1 = theirs.get(0).substring(3);
        String theirSrs1Again = mailSrsForward(DAY, List.of(SECRET), List.of(theirs.get(1).substring(3)), "third.example").get(0).substring(3);
        assertThat(srs.reverse(theirSrs1)).contains(srs0);
        assertThat(srs.reverse(theirSrs1Again)).contains(srs0);
        // the other forwarder (Mail::SRS) takes the bounce from there
        assertThat(mailSrsReverse(DAY, List.of(OTHER_FORWARDER), List.of(srs.reverse(theirSrs1Again).orElseThrow())))
                .containsExactly(ok("bob@example.org"));
    }

    @Test
    void rotationAndExpiryAgree() throws Exception {
        String signedWithOld = ours(DAY, OLD_SECRET).forward("alice@example.org", "fwd.example");
        assertThat(mailSrsReverse(DAY + 21, List.of(SECRET, OLD_SECRET), List.of(signedWithOld))).containsExactly(ok("alice@example.org"));
        assertThat(mailSrsReverse(DAY + 22, List.of(SECRET, OLD_SECRET), List.of(signedWithOld)).get(0)).startsWith("error\t");
        assertThat(mailSrsReverse(DAY, List.of(SECRET), List.of(signedWithOld)).get(0)).startsWith("error\t");

        String theirs = mailSrsForward(DAY, List.of(OLD_SECRET), List.of("alice@example.org"), "fwd.example").get(0).substring(3);
        assertThat(ours(DAY + 21, SECRET, OLD_SECRET).reverse(theirs)).contains("alice@example.org");
        assertThat(ours(DAY + 22, SECRET, OLD_SECRET).reverse(theirs)).isEmpty();
        assertThat(ours(DAY, SECRET).reverse(theirs)).isEmpty();
    }

    @Test
    void timestampWrapAroundAgrees() throws Exception {
        long lastSlot = 20 * 1024 - 1;
        String ourForward = ours(lastSlot, SECRET).forward("alice@example.org", "fwd.example");
        assertThat(mailSrsForward(lastSlot, List.of(SECRET), List.of("alice@example.org"), "fwd.example")).containsExactly(ok(ourForward));
        assertThat(ourForward).contains("=77=");
        for (long day = lastSlot; day <= lastSlot + 23; day++) {
            boolean theyAccept = mailSrsReverse(day, List.of(SECRET), List.of(ourForward)).get(0).startsWith("ok\t");
            assertThat(ours(day, SECRET).reverse(ourForward).isPresent()).as("day " + (day - lastSlot)).isEqualTo(theyAccept);
        }
    }
}
