package io.mailserver.auth.address;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A hosted domain name in canonical form: lower case, at least two labels, letters, digits and
 * hyphens only (internationalised names in their A-label form, {@code xn--...}), as RFC 1035 §2.3.1
 * and RFC 5321 §4.1.2 allow them in a mail domain.
 */
public record DomainName(String value) {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    /** RFC 1035 §2.3.4: at most 255 octets on the wire, so 253 characters in text. */
    private static final int MAX_LENGTH = 253;

    public DomainName {
        if (!isCanonical(value)) {
            throw new IllegalArgumentException("not a canonical domain name");
        }
    }

    /** The canonical form of {@code text}, or empty when it is not a valid domain name. */
    public static Optional<DomainName> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String lower = text.trim().toLowerCase(Locale.ROOT);
        return isCanonical(lower) ? Optional.of(new DomainName(lower)) : Optional.empty();
    }

    private static boolean isCanonical(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        String[] labels = value.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // The top-level label is never all digits (RFC 3696 §2), which also keeps IPv4 literals out.
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    @Override
    public String toString() {
        return value;
    }
}
