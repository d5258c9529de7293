package io.mailserver.smtp.codec;

import io.mailserver.smtp.command.MailAddress;

/**
 * The RFC 5321 §4.1.2 path grammar: {@code "<" [A-d-l ":"] Mailbox ">"}, read from a position in a
 * command line. Source routes (A-d-l) are accepted and ignored as RFC 5321 §4.1.1.3 and Appendix C
 * require.
 *
 * <p>With RFC 6531 (SMTPUTF8) a local part may hold UTF-8 and a domain U-labels: the text is read
 * as decoded Unicode, and non-ASCII characters count as atext and qtext, except those that only
 * serve to deceive a reader (controls, format characters such as bidi overrides and zero-width
 * joiners, separators, private use, unassigned code points). A domain with U-labels is returned in
 * its A-label form ({@code xn--...}): equal for routing and DNS, and plain ASCII from here on.
 * Whether a non-ASCII address is allowed in the transaction is the handlers' call.
 */
final class MailboxSyntax {

    /** RFC 5321 §4.5.3.1.2. */
    static final int MAX_DOMAIN = 255;
    /** RFC 5321 §4.5.3.1.3, brackets included. */
    static final int MAX_PATH = 256;

    /** A path that was read and where reading stopped (just after the closing bracket). */
    record PathRead(MailAddress mailbox, int end) {
    }

    private final String text;
    private int pos;

    private MailboxSyntax(String text, int pos) {
        this.text = text;
        this.pos = pos;
    }

    /**
     * Reads a path starting at {@code from}, which must be {@code '<'}.
     *
     * @param allowNull whether {@code <>} is accepted (a reverse-path); the mailbox is then null
     * @return the mailbox and the end position, or null when the path is not valid
     */
    static PathRead readPath(String text, int from, boolean allowNull) {
        MailboxSyntax p = new MailboxSyntax(text, from);
        if (!p.take('<')) {
            return null;
        }
        if (allowNull && p.take('>')) {
            return new PathRead(null, p.pos);
        }
        if (p.peek() == '@' && !p.sourceRoute()) {
            return null;
        }
        MailAddress mailbox = p.mailbox();
        if (mailbox == null || !p.take('>') || p.pos - from > MAX_PATH) {
            return null;
        }
        return new PathRead(mailbox, p.pos);
    }

    /** Reads a whole string as a mailbox ({@code local@domain}, no brackets); null when invalid. */
    static MailAddress parseMailbox(String text) {
        MailboxSyntax p = new MailboxSyntax(text, 0);
        MailAddress mailbox = p.mailbox();
        return mailbox != null && p.pos == text.length() ? mailbox : null;
    }

    /** {@code A-d-l ":"}: {@code @one.example,@two.example:}. */
    private boolean sourceRoute() {
        do {
            if (!take('@') || domain() == null) {
                return false;
            }
        } while (take(','));
        return take(':');
    }

    private MailAddress mailbox() {
        String local = peek() == '"' ? quotedLocalPart() : dotString();
        if (local == null || local.isEmpty() || !take('@')) {
            return null;
        }
        String domain = peek() == '[' ? addressLiteral() : domain();
        if (domain == null || domain.length() > MAX_DOMAIN) {
            return null;
        }
        // A local part may be longer than RFC 5321 §4.5.3.1.1's 64 octets (a minimum to support, and
        // §4.5.3.1 asks for no limits where possible): SRS addresses, ours included, and ESPs' bounce
        // addresses often are. The whole path stays within MAX_PATH.
        return new MailAddress(local, domain);
    }

    /** {@code Atom *("." Atom)}. */
    private String dotString() {
        int start = pos;
        while (true) {
            int atomStart = pos;
            while (pos < text.length() && isAtext(text.charAt(pos))) {
                pos++;
            }
            if (pos == atomStart) {
                return null;
            }
            if (!take('.')) {
                return text.substring(start, pos);
            }
        }
    }

    /** {@code DQUOTE *QcontentSMTP DQUOTE}, returned in canonical form (see {@link MailAddress}). */
    private String quotedLocalPart() {
        take('"');
        StringBuilder content = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                return null;
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    return null;
                }
                char quoted = text.charAt(pos++);
                if (quoted < 32 || quoted > 126) {
                    return null;
                }
                content.append(quoted);
            } else if (c >= 32 && c <= 126 || isUtf8Text(c)) {
                content.append(c);
            } else {
                return null;
            }
        }
        return canonicalLocalPart(content.toString());
    }

    /** The shortest wire form of a local part: a dot-string when possible, else a minimal quoted string. */
    static String canonicalLocalPart(String content) {
        if (isDotString(content)) {
            return content;
        }
        StringBuilder out = new StringBuilder(content.length() + 2).append('"');
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    private static boolean isDotString(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && !isAtext(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code sub-domain *("." sub-domain)}, each {@code Let-dig [Ldh-str]} or a U-label (RFC 6531
     * §3.3); a domain with U-labels comes back as A-labels, or null when IDNA refuses it.
     */
    private String domain() {
        int start = pos;
        boolean unicode = false;
        while (true) {
            int labelStart = pos;
            while (pos < text.length() && (isLdh(text.charAt(pos)) || isUtf8Text(text.charAt(pos)))) {
                unicode |= text.charAt(pos) >= 0x80;
                pos++;
            }
            if (pos == labelStart || text.charAt(labelStart) == '-' || text.charAt(pos - 1) == '-' || pos - labelStart > 63) {
                return null;
            }
            if (!take('.')) {
                String domain = text.substring(start, pos);
                return unicode ? aLabels(domain) : domain;
            }
        }
    }

    /**
     * The A-label form of a domain with U-labels, or null. The JDK implements IDNA2003, which maps
     * some labels to others (faß -> fass, final sigma, compatibility forms) where IDNA2008, which
     * RFC 6531 follows, keeps them distinct: a label that does not come back as itself (up to case)
     * would route mail to another domain, so it is refused rather than guessed.
     */
    private static String aLabels(String domain) {
        try {
            String ascii = java.net.IDN.toASCII(domain, java.net.IDN.USE_STD3_ASCII_RULES);
            String back = java.net.IDN.toUnicode(ascii, java.net.IDN.USE_STD3_ASCII_RULES);
            if (!back.equals(domain.toLowerCase(java.util.Locale.ROOT)) || ascii.endsWith(".")) {
                return null;
            }
            return ascii.length() <= MAX_DOMAIN && !ascii.isEmpty() ? ascii : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code "[" (IPv4 / "IPv6:" IPv6 / tag ":" dcontent) "]"}; only the shape is checked. */
    private String addressLiteral() {
        int start = pos;
        take('[');
        int contentStart = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ']') {
                break;
            }
            if (c < 33 || c > 126 || c == '[' || c == '\\') {
                return null;
            }
            pos++;
        }
        if (pos == contentStart || !take(']')) {
            return null;
        }
        String content = text.substring(contentStart, pos - 1);
        boolean ipv4 = content.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean tagged = content.matches("[A-Za-z0-9-]*[A-Za-z0-9]:.+");
        return ipv4 || tagged ? text.substring(start, pos) : null;
    }

    private boolean take(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    static boolean isAtext(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0 || isUtf8Text(c);
    }

    /**
     * UTF8-non-ascii (RFC 6531 §3.3). The line was checked by {@link Utf8Arguments} as a whole, code
     * point by code point, so a surrogate here is half of an allowed supplementary character.
     */
    static boolean isUtf8Text(char c) {
        return c >= 0x80 && (Character.isSurrogate(c) || Utf8Arguments.allowed(c));
    }

    private static boolean isLdh(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    }
}
