package io.mailserver.smtp.outbound.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a certificate is for a host name (RFC 9525, which RFC 8461 §4.2 and RFC 8689 point to as
 * RFC 6125): its DNS-IDs (subjectAltName dNSName) only, never the subject CN; a wildcard only as the
 * whole leftmost label, standing for exactly one label.
 */
public final class ServerNames {

    private static final int DNS_NAME = 2;

    private ServerNames() {
    }

    public static boolean matches(X509Certificate certificate, String host) {
        String wanted = normalize(host);
        return identities(certificate).stream().anyMatch(id -> matches(normalize(id), wanted));
    }

    static boolean matches(String identity, String host) {
        if (identity.startsWith("*.")) {
            int firstDot = host.indexOf('.');
            // "*.com" would cover a whole top-level domain: at least two labels after the wildcard
            return firstDot > 0 && identity.indexOf('.', 2) > 0 && host.substring(firstDot).equals(identity.substring(1));
        }
        return !identity.contains("*") && identity.equals(host);
    }

    static List<String> identities(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> name : certificate.getSubjectAlternativeNames()) {
                    if (name.size() >= 2 && Integer.valueOf(DNS_NAME).equals(name.get(0)) && name.get(1) instanceof String dns) {
                        names.add(dns);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        return names;
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
