package io.mailserver.smtp.mailauth;

import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.mailauth.dkim.ArcResult;
import io.mailserver.smtp.mailauth.dkim.ArcVerifier;
import io.mailserver.smtp.mailauth.dkim.DkimResult;
import io.mailserver.smtp.mailauth.dkim.DkimVerifier;
import io.mailserver.smtp.mailauth.dmarc.DkimPass;
import io.mailserver.smtp.mailauth.dmarc.DmarcChecker;
import io.mailserver.smtp.mailauth.dmarc.DmarcOutcome;
import io.mailserver.smtp.mailauth.dmarc.DmarcResult;
import io.mailserver.smtp.mailauth.dmarc.Policy;
import io.mailserver.smtp.mailauth.spf.SpfChecker;
import io.mailserver.smtp.mailauth.spf.SpfOutcome;
import io.mailserver.smtp.mailauth.spf.SpfResult;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Checks mail from other servers at the end of its data: SPF for the MAIL FROM (or HELO), DKIM for its
 * signatures, its ARC chain (RFC 8617; a chain sealed last by a trusted forwarder that saw DMARC pass
 * waives a failed DMARC's policy), DMARC for its From domain, on a small pool of its own (the checks block on DNS), within
 * {@code mail.smtp.mx.authentication.time-limit}. The answer is the Authentication-Results field to
 * add, what the DMARC policy asks, and the header section rewritten when it carried a field forging
 * our results.
 */
@ApplicationScoped
public class InboundVerifier {

    private static final Logger LOG = Logger.getLogger(InboundVerifier.class);

    /**
     * How far a header section is always read. A longer one is read on up to {@code dkim-max-size}: a
     * From after a megabyte of padding must still be DMARC's; one longer still is an unreadable author.
     */
    static final int MAX_HEADER = 1024 * 1024;

    /**
     * What the checks found.
     *
     * @param field the Authentication-Results field, CRLF included
     * @param disposition what DMARC asks for this message (NONE when it passed or has no policy)
     * @param headerFrom the author domain DMARC evaluated; null when the checks did not get that far
     * @param dmarc the DMARC result (TEMPERROR when the checks did not finish)
     * @param rewrittenHeader the header section (with its empty line) to store instead of the received one,
     *     with forged results renamed; null when there were none
     * @param headerLength the received header section's length, empty line included
     * @param senderPassedSpf SPF passed for the MAIL FROM domain: reports to that sender (delivery
     *        notices) go to whoever really sent the message, not to a forged victim
     * @param sealable what a forwarder's ARC set needs; empty when the checks did not finish (time,
     *        an ARC chain that could not be validated now) or the message was too large to hash: the
     *        message is then forwarded unsealed rather than with a seal vouching for results not had
     */
    public record Verdict(String field, Policy disposition, String headerFrom, DmarcResult dmarc, byte[] rewrittenHeader,
            int headerLength, boolean senderPassedSpf, Optional<Sealable> sealable) {

        Verdict withDisposition(Policy changed) {
            return new Verdict(field, changed, headerFrom, dmarc, rewrittenHeader, headerLength, senderPassedSpf, sealable);
        }
    }

    /**
     * The message as checked, for an ARC seal over it (RFC 8617 §5.1).
     *
     * @param header  the received header section (the fields a seal signs are never ones this server
     *                adds or renames)
     * @param body    the body where the session holds it
     * @param chain   the validated state of the ARC chain it came with ({@code NONE} without one)
     * @param results this server's results, as Authentication-Results has them (RFC 8601 resinfo)
     */
    public record Sealable(RawMessage header, MessageBody body, ArcResult chain, List<String> results) {

        public Sealable {
            results = List.copyOf(results);
        }
    }

    private final MailConfig.Authentication settings;
    private final String hostname;
    private final SpfChecker spf;
    private final DkimVerifier dkim;
    private final ArcVerifier arc;
    private final Set<String> trustedSealers;
    private final DmarcChecker dmarc;
    private final BlockingPool pool;

    @jakarta.inject.Inject
    public InboundVerifier(MailConfig config) {
        this(config, new DnsjavaTxtResolver(config.smtp().dns().servers().orElse(List.of()), config.smtp().dns().timeout()));
    }

    InboundVerifier(MailConfig config, DnsTxtResolver dns) {
        this.settings = config.smtp().mx().authentication();
        this.hostname = config.hostname();
        this.spf = new SpfChecker(dns, hostname);
        this.dkim = new DkimVerifier(dns, Clock.systemUTC());
        this.arc = new ArcVerifier(dns, Clock.systemUTC());
        // as d= is compared: lower case, no trailing dot
        this.trustedSealers = settings.arcTrustedSealers().orElse(List.of()).stream()
                .map(d -> d.strip().toLowerCase(Locale.ROOT).replaceAll("\\.$", "")).collect(Collectors.toUnmodifiableSet());
        this.dmarc = new DmarcChecker(dns);
        this.pool = new BlockingPool("mail-authentication", settings.concurrency());
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /**
     * Checks one message. Never fails: past the time limit, or on any error, the results are
     * temperror and the message is only tagged.
     *
     * @param content the message as received (no trace fields of ours yet), in blocks
     */
    public Uni<Verdict> verify(String clientIp, String helo, String mailFrom, List<Buffer> content, long length) {
        return pool.run(() -> check(clientIp, helo, mailFrom, content, length), settings.timeLimit(), () -> (Checked) null)
                .flatMap(checked -> checked == null ? Uni.createFrom().item(unavailable("time limit reached")) : withArc(checked))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("mail authentication failed (%s): %s", failure.getClass().getSimpleName(), failure.getMessage());
                    return unavailable("internal error");
                });
    }

    /**
     * SPF, DKIM and DMARC as checked, before ARC.
     *
     * @param header     the header section's octets, the empty line included ({@code message} parses them)
     * @param verifiable whether signatures are checked: small enough, and a header section that ended
     */
    private record Checked(byte[] header, boolean verifiable, RawMessage message, MessageBody body, SpfOutcome spf,
            List<DkimResult> dkim, DmarcOutcome dmarc) {
    }

    /**
     * ARC after the rest, with a time limit of its own: a chain of slow key lookups may cost its own
     * result, never the DMARC verdict already reached (a reject must not turn into a temperror).
     */
    private Uni<Verdict> withArc(Checked checked) {
        boolean chain = checked.verifiable() && checked.message().headers().stream().anyMatch(h -> h.is("arc-seal"));
        if (!chain) {
            return Uni.createFrom().item(verdict(checked, Optional.empty(), checked.verifiable()));
        }
        return pool.run(() -> arc.verify(checked.message(), checked.body()), settings.timeLimit(), () -> (ArcResult) null)
                .onFailure().recoverWithItem(() -> (ArcResult) null)
                .map(result -> {
                    if (result == null || result.temporary()) {
                        return unfinished(checked);
                    }
                    return verdict(checked, Optional.of(result).filter(r -> r.kind() != ArcResult.Kind.NONE), true);
                });
    }

    /**
     * ARC could not be validated now (time, or a key lookup that failed for now). Mail a trusted sealer
     * claims to have sealed is not refused for DMARC on that account, only filed as Junk: a list the
     * operator trusts should not lose mail to a slow DNS server, nor should a claim alone pass it.
     */
    private Verdict unfinished(Checked checked) {
        boolean trustedClaim = ArcVerifier.newestSealer(checked.message()).filter(trustedSealers::contains).isPresent();
        Verdict verdict = verdict(checked, Optional.empty(), false);
        return trustedClaim && verdict.disposition() == Policy.REJECT ? verdict.withDisposition(Policy.QUARANTINE) : verdict;
    }

    private Checked check(String clientIp, String helo, String mailFrom, List<Buffer> content, long length) {
        HeaderSection section = HeaderSection.read(content, length, Math.max(MAX_HEADER, settings.dkimMaxSize()));
        byte[] header = section.octets();
        long bodyStart = section.bodyStart();
        RawMessage message = RawMessage.parse(header);
        boolean headerRead = section.whole();
        // the body is hashed where the session holds it, in passes, never copied; the size bounds that work
        boolean verifiable = length <= settings.dkimMaxSize() && headerRead;
        MessageBody body = bodyStart < 0 ? MessageBody.EMPTY : MessageBytes.body(content, bodyStart);
        SpfOutcome spfOutcome = spf.check(address(clientIp), helo, mailFrom);
        List<DkimResult> dkimResults;
        if (verifiable) {
            dkimResults = dkim.verify(message, body);
        } else {
            dkimResults = message.headers().stream().filter(h -> h.is("dkim-signature"))
                    .<DkimResult>map(h -> new DkimResult.Policy(DkimResult.Signature.UNKNOWN,
                            headerRead ? "not verified: message too large" : "not verified: header section too long"))
                    .limit(DkimVerifier.MAX_SIGNATURES).toList();
        }
        List<DkimPass> passes = dkimResults.stream().filter(r -> r instanceof DkimResult.Pass)
                .map(r -> new DkimPass(r.signature().domain())).toList();
        List<String> fromFields = message.headers().stream().filter(h -> h.is("from"))
                .map(h -> new String(h.value(), StandardCharsets.UTF_8)).toList();
        DmarcOutcome dmarcOutcome = headerRead ? dmarc.check(fromFields, spfOutcome, passes)
                // an author we could not read is no author to trust: as with two From fields, to Junk
                : new DmarcOutcome(DmarcResult.PERMERROR, Policy.QUARANTINE, Policy.QUARANTINE, null, null,
                        "header section too long to read");
        return new Checked(header, verifiable, message, body, spfOutcome, dkimResults, dmarcOutcome);
    }

    /**
     * The verdict. A failed DMARC policy is waived only for a chain that passed, was sealed last by a
     * trusted sealer, and whose sealer recorded (in the results its seal covers) that DMARC passed for
     * this From domain when the message reached it: a trusted list seals the spoofs it received too.
     *
     * @param arc the chain's result; empty for a message without one, one over {@code dkim-max-size} or
     *            with a header section too long to read, or a validation that did not finish: no entry
     *            rather than a guess
     * @param sealable whether the checks finished on the whole message, so a forwarder may seal it
     */
    private Verdict verdict(Checked checked, Optional<ArcResult> arc, boolean sealable) {
        DmarcOutcome dmarcOutcome = checked.dmarc();
        String from = dmarcOutcome.headerFrom() == null ? "" : dmarcOutcome.headerFrom().toLowerCase(Locale.ROOT);
        boolean waived = dmarcOutcome.disposition() != Policy.NONE && arc.filter(r -> r.kind() == ArcResult.Kind.PASS
                && trustedSealers.contains(r.sealer()) && r.sealerDmarcPasses().contains(from)).isPresent();
        List<String> results = AuthenticationResults.results(checked.spf(), checked.dkim(), arc, dmarcOutcome, waived);
        String field = AuthenticationResults.field(hostname, results);
        SpfOutcome spfOutcome = checked.spf();
        boolean senderPassed = spfOutcome.result() == SpfResult.PASS && spfOutcome.identity() == SpfOutcome.Identity.MAIL_FROM;
        return new Verdict(field, waived ? Policy.NONE : dmarcOutcome.disposition(), dmarcOutcome.headerFrom(),
                dmarcOutcome.result(), rewritten(checked.message(), checked.header()), checked.message().bodyStart(), senderPassed,
                sealable ? Optional.of(new Sealable(checked.message(), checked.body(), arc.orElse(ArcResult.NONE), results))
                        : Optional.empty());
    }

    /** The header section with forged results of ours renamed, or null when there are none. */
    private byte[] rewritten(RawMessage message, byte[] bytes) {
        boolean forged = message.headers().stream().anyMatch(h -> claims(h));
        int fields = message.headers().stream().mapToInt(h -> h.raw().length + 2).sum();
        int separator = message.bodyStart() - fields;
        // only a header section that ended as it should (CRLF after every field, then the empty line
        // or the end) is rebuilt; anything else, a header cut short, stays as it came
        if (!forged || (separator != 0 && separator != 2)) {
            return null;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(message.bodyStart() + 64);
        for (HeaderField h : message.headers()) {
            if (claims(h)) {
                out.writeBytes("X-Forged-".getBytes(StandardCharsets.US_ASCII));
            }
            out.writeBytes(h.raw());
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        out.write(bytes, message.bodyStart() - separator, separator);
        return out.toByteArray();
    }

    private boolean claims(HeaderField h) {
        return AuthenticationResults.claimsToBe(hostname, h.name(), new String(h.value(), StandardCharsets.ISO_8859_1));
    }

    private Verdict unavailable(String why) {
        SpfOutcome spfOutcome = new SpfOutcome(SpfResult.TEMPERROR, SpfOutcome.Identity.MAIL_FROM, "", "", why);
        DmarcOutcome dmarcOutcome = new DmarcOutcome(DmarcResult.TEMPERROR, Policy.NONE, Policy.NONE, null, null, why);
        return new Verdict(AuthenticationResults.field(hostname, spfOutcome, List.of(), dmarcOutcome), Policy.NONE, null,
                DmarcResult.TEMPERROR, null, 0, false, Optional.empty());
    }

    private static InetAddress address(String ip) {
        try {
            // a literal: no lookup happens
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + ip, e);
        }
    }


    void stop(@Observes ShutdownEvent event) {
        pool.close();
    }
}
