package io.mailserver.smtp.mailauth.dmarc;

import io.mailserver.smtp.mailauth.DnsAnswer;
import io.mailserver.smtp.mailauth.DnsTxtResolver;
import io.mailserver.smtp.mailauth.spf.SpfOutcome;
import io.mailserver.smtp.mailauth.spf.SpfResult;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * DMARC (RFC 7489) for one message, given what SPF and DKIM authenticated. Blocking (it calls
 * {@link DnsTxtResolver}); never throws on remote input. Reports are not sent.
 */
public final class DmarcChecker {

    private final DnsTxtResolver dns;
    private final OrganizationalDomain organizational;
    private final RandomGenerator random;

    public DmarcChecker(DnsTxtResolver dns) {
        // java.util.Random is thread-safe, which the pct sample needs from a shared checker
        this(dns, OrganizationalDomain.bundled(), new Random());
    }

    /** @param random the pct sampling source (§6.6.4), injectable so tests decide the sample */
    public DmarcChecker(DnsTxtResolver dns, OrganizationalDomain organizational, RandomGenerator random) {
        this.dns = Objects.requireNonNull(dns);
        this.organizational = Objects.requireNonNull(organizational);
        this.random = Objects.requireNonNull(random);
    }

    /**
     * @param fromFields the message's From header fields (see {@link AuthorDomain#of})
     * @param spf the SPF outcome; it counts when it passed, for its MAIL FROM (or HELO) domain
     * @param dkim the domains of the DKIM signatures that verified
     */
    public DmarcOutcome check(List<String> fromFields, SpfOutcome spf, List<DkimPass> dkim) {
        Optional<String> spfDomain = spf != null && spf.result() == SpfResult.PASS ? Optional.of(spf.domain()) : Optional.empty();
        return check(fromFields, spfDomain, dkim);
    }

    /**
     * @param spfPassDomain the domain SPF authenticated with a pass (RFC 7489 §3.1.2), if any
     */
    public DmarcOutcome check(List<String> fromFields, Optional<String> spfPassDomain, List<DkimPass> dkim) {
        try {
            return evaluate(AuthorDomain.of(fromFields), spfPassDomain, dkim == null ? List.of() : dkim);
        } catch (RuntimeException e) {
            return new DmarcOutcome(DmarcResult.PERMERROR, Policy.NONE, Policy.NONE, null, null, "evaluation error");
        }
    }

    private DmarcOutcome evaluate(AuthorDomain author, Optional<String> spfPassDomain, List<DkimPass> dkim) {
        if (author instanceof AuthorDomain.Missing) {
            // no author named, so none impersonated: RFC 5322 conformance is not DMARC's to judge
            return new DmarcOutcome(DmarcResult.NONE, Policy.NONE, Policy.NONE, null, null, "no From header field");
        }
        if (author instanceof AuthorDomain.Unusable unusable) {
            // §6.6.1 lets a receiver reject these; several authors are a known way to show a reader one
            // domain while DMARC checks another, so no domain's policy is trusted and the message goes to
            // Junk (a local choice: no Domain Owner asked for it)
            return new DmarcOutcome(DmarcResult.PERMERROR, Policy.NONE, Policy.QUARANTINE, null, null, unusable.reason());
        }
        String from = ((AuthorDomain.Found) author).domain();
        String fromOrganization = organizational.of(from);
        PolicyDiscovery discovery = PolicyDiscovery.discover(dns, from, fromOrganization);
        if (discovery instanceof PolicyDiscovery.Absent absent) {
            return new DmarcOutcome(DmarcResult.NONE, Policy.NONE, Policy.NONE, from, null, absent.reason());
        }
        if (discovery instanceof PolicyDiscovery.Ambiguous ambiguous) {
            return new DmarcOutcome(DmarcResult.NONE, Policy.NONE, Policy.NONE, from, null,
                    "several DMARC records at " + ambiguous.domain());
        }
        if (discovery instanceof PolicyDiscovery.DnsError error) {
            return new DmarcOutcome(DmarcResult.TEMPERROR, Policy.NONE, Policy.NONE, from, null,
                    "DNS failure looking up the DMARC record of " + error.domain());
        }
        if (discovery instanceof PolicyDiscovery.Invalid invalid) {
            return new DmarcOutcome(DmarcResult.PERMERROR, Policy.NONE, Policy.NONE, from, invalid.policyDomain(),
                    "DMARC record without a valid policy at " + invalid.policyDomain());
        }
        PolicyDiscovery.Found found = (PolicyDiscovery.Found) discovery;
        DmarcRecord record = found.record();
        boolean spfAligned = spfPassDomain.filter(d -> aligned(d, from, fromOrganization, record.spfAlignment())).isPresent();
        boolean dkimAligned = dkim.stream().anyMatch(d -> d != null && d.domain() != null
                && aligned(d.domain(), from, fromOrganization, record.dkimAlignment()));
        Policy requested = requestedPolicy(found, from);
        if (spfAligned || dkimAligned) {
            return new DmarcOutcome(DmarcResult.PASS, requested, Policy.NONE, from, found.policyDomain(),
                    dkimAligned ? "aligned DKIM signature" : "aligned SPF pass");
        }
        Policy disposition = requested != Policy.NONE && record.percent() < 100 && random.nextInt(100) >= record.percent()
                ? requested.lower() : requested;
        return new DmarcOutcome(DmarcResult.FAIL, requested, disposition, from, found.policyDomain(),
                "no aligned SPF or DKIM identifier");
    }

    /** p at the author domain; sp for a subdomain under an inherited record, np when that subdomain does not exist. */
    private Policy requestedPolicy(PolicyDiscovery.Found found, String from) {
        if (!found.inherited()) {
            return found.record().policy();
        }
        DmarcRecord record = found.record();
        if (record.nonexistentPolicy() != record.subdomainPolicy() && !exists(from)) {
            return record.nonexistentPolicy();
        }
        return record.subdomainPolicy();
    }

    /** RFC 9091 §2.1: a domain without A, AAAA and MX records; any DNS failure counts as existing. */
    private boolean exists(String domain) {
        return !isEmpty(dns.addresses(domain, false)) || !isEmpty(dns.addresses(domain, true)) || !isEmpty(dns.mx(domain));
    }

    private static boolean isEmpty(DnsAnswer<?> answer) {
        return answer instanceof DnsAnswer.None<?> || (answer instanceof DnsAnswer.Records<?> records && records.values().isEmpty());
    }

    private boolean aligned(String authenticated, String from, String fromOrganization, Alignment mode) {
        String domain = authenticated.toLowerCase(Locale.ROOT);
        domain = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (mode == Alignment.STRICT) {
            return domain.equals(from);
        }
        return organizational.of(domain).equals(fromOrganization);
    }
}
