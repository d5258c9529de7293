package io.mailserver.smtp.mailauth.spf;

import java.util.regex.Pattern;

/** The name checks RFC 7208 §4.3 and §7.3 ask for, before a name is ever sent to DNS. */
final class DomainNames {

    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final int MAX_NAME = 253;

    private DomainNames() {
    }

    /** §4.3: a multi-label name of LDH labels (underscore allowed); anything else yields "none". */
    static boolean isValidIdentity(String domain) {
        if (domain.isEmpty() || domain.length() > MAX_NAME) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * An expanded domain-spec ready to query, or {@code null} when it cannot be a DNS name (an empty or
     * over-long label): such a name has no records. Over-long names lose labels on the left (§7.3).
     */
    static String queryName(String expanded) {
        String name = expanded.endsWith(".") ? expanded.substring(0, expanded.length() - 1) : expanded;
        while (name.length() > MAX_NAME) {
            int dot = name.indexOf('.');
            if (dot < 0) {
                return null;
            }
            name = name.substring(dot + 1);
        }
        if (name.isEmpty()) {
            return null;
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return null;
            }
        }
        return name;
    }
}
