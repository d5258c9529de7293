package io.mailserver.smtp.mailauth;

import io.mailserver.smtp.mailauth.dkim.ArcResult;
import io.mailserver.smtp.mailauth.dkim.DkimResult;
import io.mailserver.smtp.mailauth.dmarc.DmarcOutcome;
import io.mailserver.smtp.mailauth.spf.SpfOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Authentication-Results header field (RFC 8601) this server adds to mail from other servers.
 * Every property value comes from the remote side (HELO name, MAIL FROM, d=, s=, the From domain), so
 * each is written as a bare token only when it is made of safe characters, else as a quoted-string
 * with anything outside printable ASCII replaced: no value can end the field or start another.
 */
public final class AuthenticationResults {

    public static final String FIELD = "Authentication-Results";

    /** RFC 8601 {@code value}: a token or, for addresses, local-part@domain of atext and dots. */
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.@-]{1,255}");
    private static final int MAX_VALUE = 255;
    private static final int MAX_DKIM_ENTRIES = 5;

    private AuthenticationResults() {
    }

    /** The whole field with its CRLF, one result per folded line; no ARC entry. */
    public static String field(String authservId, SpfOutcome spf, List<DkimResult> dkim, DmarcOutcome dmarc) {
        return field(authservId, spf, dkim, Optional.empty(), dmarc, false);
    }

    /**
     * @param arc            the ARC chain's result, when it was validated
     * @param policyWaived   DMARC failed but its policy is not applied: the chain passed and its last
     *                       sealer is trusted
     */
    public static String field(String authservId, SpfOutcome spf, List<DkimResult> dkim, Optional<ArcResult> arc,
            DmarcOutcome dmarc, boolean policyWaived) {
        return field(authservId, results(spf, dkim, arc, dmarc, policyWaived));
    }

    /** The whole field with its CRLF, one result of {@link #results} per folded line. */
    public static String field(String authservId, List<String> results) {
        return FIELD + ": " + value(authservId) + ";\r\n\t" + String.join(";\r\n\t", results) + "\r\n";
    }

    /**
     * The field's results ({@code resinfo}, RFC 8601 §2.2) in order, each printable ASCII: what a
     * forwarder's ARC-Authentication-Results repeats.
     */
    public static List<String> results(SpfOutcome spf, List<DkimResult> dkim, Optional<ArcResult> arc,
            DmarcOutcome dmarc, boolean policyWaived) {
        List<String> results = new ArrayList<>();
        results.add("spf=" + spf.result().keyword() + " " + property(spf.authResultsProperty(), spf.authResultsValue()));
        if (dkim.isEmpty()) {
            results.add("dkim=none");
        }
        for (DkimResult result : dkim.subList(0, Math.min(dkim.size(), MAX_DKIM_ENTRIES))) {
            StringBuilder entry = new StringBuilder("dkim=").append(result.keyword());
            DkimResult.Signature s = result.signature();
            if (!s.domain().isEmpty()) {
                entry.append(' ').append(property("header.d", s.domain()));
            }
            if (!s.selector().isEmpty()) {
                entry.append(' ').append(property("header.s", s.selector()));
            }
            if (!s.signaturePrefix().isEmpty()) {
                entry.append(' ').append(property("header.b", s.signaturePrefix()));
            }
            results.add(entry.toString());
        }
        arc.ifPresent(result -> {
            results.add("arc=" + result.kind().keyword() + (result.kind() == ArcResult.Kind.PASS
                    ? " (i=" + result.instances() + ", sealed by " + inComment(result.sealer()) + ")" : ""));
        });
        String dmarcEntry = "dmarc=" + dmarc.result().keyword();
        if (dmarc.headerFrom() != null) {
            dmarcEntry += " " + property("header.from", dmarc.headerFrom());
        }
        if (policyWaived && arc.isPresent()) {
            dmarcEntry += " (policy not applied: ARC sealed by trusted " + inComment(arc.get().sealer()) + ")";
        }
        results.add(dmarcEntry);
        return List.copyOf(results);
    }

    private static String property(String name, String value) {
        return name + "=" + value(value);
    }

    /**
     * A domain name for a comment: only letters, digits, dots, hyphens and underscores survive, so
     * nothing can close the comment or the field (the ARC verifier checked it already; this keeps the
     * field safe whoever calls).
     */
    private static String inComment(String domain) {
        String kept = domain.replaceAll("[^A-Za-z0-9._-]", "");
        return kept.substring(0, Math.min(kept.length(), MAX_VALUE));
    }

    /** A bare value when safe, else a quoted-string of printable ASCII (RFC 5322 §3.2.4). */
    static String value(String raw) {
        String text = raw == null ? "" : raw;
        if (BARE.matcher(text).matches()) {
            return text;
        }
        StringBuilder quoted = new StringBuilder("\"");
        int n = 0;
        for (int i = 0; i < text.length() && n < MAX_VALUE; i++, n++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                quoted.append(c);
            } else {
                quoted.append('?');
            }
        }
        return quoted.append('"').toString();
    }

    /**
     * Whether a header field is an Authentication-Results field claiming to be ours: RFC 8601 §5 has a
     * border MTA remove those, since only this server may speak for {@code authservId}.
     */
    public static boolean claimsToBe(String authservId, String name, String value) {
        if (!name.trim().equalsIgnoreCase(FIELD)) {
            return false;
        }
        String unfolded = value.replaceAll("\\([^)]*\\)", " ").trim();
        int end = 0;
        while (end < unfolded.length() && unfolded.charAt(end) != ';' && !Character.isWhitespace(unfolded.charAt(end))) {
            end++;
        }
        return unfolded.substring(0, end).toLowerCase(Locale.ROOT).equals(authservId.toLowerCase(Locale.ROOT));
    }
}
