package io.mailserver.auth.address;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An account or alias address in canonical form: lower-case local part and domain. Local parts are
 * the RFC 5322 §3.2.3 dot-atom form (no quoted strings), at most 64 octets (RFC 5321 §4.5.3.1.1).
 * This server treats local parts case-insensitively, which RFC 5321 §2.4 permits the receiving host
 * to decide.
 */
public record MailAddress(String localPart, DomainName domain) {

    private static final Pattern ATOM = Pattern.compile("[a-z0-9!#$%&'*/=?^_`{|}~+-]+");
    private static final int MAX_LOCAL_PART = 64;

    public MailAddress {
        if (!isDotAtom(localPart)) {
            throw new IllegalArgumentException("not a canonical local part");
        }
    }

    /** The canonical form of {@code text}, or empty when it is not an address this server can host. */
    public static Optional<MailAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0) {
            return Optional.empty();
        }
        String local = trimmed.substring(0, at).toLowerCase(Locale.ROOT);
        if (!isDotAtom(local)) {
            return Optional.empty();
        }
        return DomainName.parse(trimmed.substring(at + 1)).map(domain -> new MailAddress(local, domain));
    }

    private static boolean isDotAtom(String local) {
        if (local == null || local.isEmpty() || local.length() > MAX_LOCAL_PART) {
            return false;
        }
        for (String atom : local.split("\\.", -1)) {
            if (!ATOM.matcher(atom).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The part after the last {@code @} of an address already known to be one (stored, or canonical). */
    public static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /** {@code local@domain}. */
    public String value() {
        return localPart + "@" + domain.value();
    }

    @Override
    public String toString() {
        return value();
    }
}
