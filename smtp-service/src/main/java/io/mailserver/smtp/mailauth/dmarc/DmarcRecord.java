package io.mailserver.smtp.mailauth.dmarc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A DMARC policy record (RFC 7489 §6.3, with np from RFC 9091). Reporting URIs are parsed, not acted on.
 *
 * @param subdomainPolicy sp, defaulting to p
 * @param nonexistentPolicy np, defaulting to sp
 * @param percent pct, 0 to 100
 */
public record DmarcRecord(Policy policy, Policy subdomainPolicy, Policy nonexistentPolicy, int percent,
        Alignment dkimAlignment, Alignment spfAlignment, List<String> aggregateReportUris, List<String> failureReportUris) {

    private static final Pattern VERSION = Pattern.compile("v[ \t]*=[ \t]*DMARC1[ \t]*(;.*)?", Pattern.DOTALL);
    private static final Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s!,;]+(![0-9]+[kmgtKMGT]?)?");
    private static final Pattern PERCENT = Pattern.compile("[0-9]{1,3}");

    public DmarcRecord {
        aggregateReportUris = List.copyOf(aggregateReportUris);
        failureReportUris = List.copyOf(failureReportUris);
    }

    /** §6.6.3: a TXT record is a DMARC record when it starts with the v=DMARC1 tag. */
    static boolean isDmarc(String txt) {
        return VERSION.matcher(txt).matches();
    }

    /**
     * The record, or empty when it has no usable p or sp and no reporting address to fall back on
     * (§6.6.3 step 6). Other bad tags take their defaults (§6.3: syntax errors in the remainder are ignored).
     */
    static Optional<DmarcRecord> parse(String txt) {
        if (!isDmarc(txt)) {
            return Optional.empty();
        }
        String p = null;
        String sp = null;
        String np = null;
        String pct = null;
        String adkim = null;
        String aspf = null;
        String rua = null;
        String ruf = null;
        String[] tags = txt.split(";");
        for (int i = 1; i < tags.length; i++) {
            int equals = tags[i].indexOf('=');
            if (equals < 0) {
                continue;
            }
            String value = tags[i].substring(equals + 1).strip();
            // the first occurrence of a tag wins; later ones are as ignorable as any other error
            switch (tags[i].substring(0, equals).strip().toLowerCase(Locale.ROOT)) {
                case "p" -> p = p == null ? value : p;
                case "sp" -> sp = sp == null ? value : sp;
                case "np" -> np = np == null ? value : np;
                case "pct" -> pct = pct == null ? value : pct;
                case "adkim" -> adkim = adkim == null ? value : adkim;
                case "aspf" -> aspf = aspf == null ? value : aspf;
                case "rua" -> rua = rua == null ? value : rua;
                case "ruf" -> ruf = ruf == null ? value : ruf;
                default -> {
                    // fo, rf, ri and unknown tags: nothing this receiver acts on
                }
            }
        }
        List<String> aggregate = uris(rua);
        Optional<Policy> policy = p == null ? Optional.empty() : Policy.parse(p);
        Optional<Policy> subdomain = sp == null ? policy : Policy.parse(sp);
        if (policy.isEmpty() || subdomain.isEmpty()) {
            if (aggregate.isEmpty()) {
                return Optional.empty();
            }
            // §6.6.3 step 6: with a valid rua, act as if p=none were published
            policy = Optional.of(Policy.NONE);
            subdomain = policy;
        }
        Policy nonexistent = (np == null ? Optional.<Policy>empty() : Policy.parse(np)).orElse(subdomain.get());
        return Optional.of(new DmarcRecord(policy.get(), subdomain.get(), nonexistent, percent(pct),
                alignment(adkim), alignment(aspf), aggregate, uris(ruf)));
    }

    private static int percent(String value) {
        if (value == null || !PERCENT.matcher(value).matches()) {
            return 100;
        }
        int percent = Integer.parseInt(value);
        return percent > 100 ? 100 : percent;
    }

    private static Alignment alignment(String value) {
        return "s".equalsIgnoreCase(value) ? Alignment.STRICT : Alignment.RELAXED;
    }

    private static List<String> uris(String value) {
        List<String> uris = new ArrayList<>();
        if (value != null) {
            for (String each : value.split(",")) {
                String uri = each.strip();
                if (URI.matcher(uri).matches() && uris.size() < 10) {
                    uris.add(uri);
                }
            }
        }
        return uris;
    }
}
