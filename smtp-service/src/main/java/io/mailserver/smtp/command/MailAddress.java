package io.mailserver.smtp.command;

/**
 * An RFC 5321 §4.1.2 mailbox as it appeared in a path: {@code local-part "@" domain}.
 *
 * <p>The local part is kept in its canonical wire form: unquoted when it is a valid dot-string,
 * otherwise as a quoted string with only the backslashes it needs ({@code "john doe"}). A quoted
 * local part that needs no quoting means the same mailbox (RFC 5321 §4.1.2), so
 * {@code "alice"@example.org} becomes {@code alice@example.org}.
 *
 * @param localPart the local part, canonical wire form
 * @param domain    the domain or address literal as given ({@code example.org}, {@code [192.0.2.1]}; a
 *                  domain given in U-labels is kept in its A-label form);
 *                  empty only for the special recipient {@code <Postmaster>} (RFC 5321 §4.5.1)
 */
public record MailAddress(String localPart, String domain) {

    /** {@code <Postmaster>} without a domain, which every server must accept (RFC 5321 §4.5.1). */
    public static MailAddress postmaster() {
        return new MailAddress("Postmaster", "");
    }

    public boolean isBarePostmaster() {
        return domain.isEmpty();
    }

    /** {@code postmaster} bare or at any domain; RFC 5321 §4.5.1 makes the local part case-insensitive here. */
    public boolean isPostmaster() {
        return localPart.equalsIgnoreCase("postmaster");
    }

    /** Whether the address is all ASCII; one that is not needs SMTPUTF8 (RFC 6531) wherever it goes. */
    public boolean isAscii() {
        return isAscii(localPart) && isAscii(domain);
    }

    /**
     * {@link #isAscii()} for an address held as a string (in the queue, in a report, an ORCPT value), so
     * that whatever handles it later agrees with the handlers that accepted it on what needs SMTPUTF8.
     */
    public static boolean isAscii(String address) {
        return address.chars().allMatch(c -> c < 0x80);
    }

    /** The same local part at another domain. */
    public MailAddress withDomain(String newDomain) {
        return new MailAddress(localPart, newDomain);
    }

    /** {@code local@domain} (just the local part for a bare postmaster), without angle brackets. */
    @Override
    public String toString() {
        return domain.isEmpty() ? localPart : localPart + "@" + domain;
    }
}
