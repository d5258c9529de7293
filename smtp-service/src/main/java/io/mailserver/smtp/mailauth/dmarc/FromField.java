package io.mailserver.smtp.mailauth.dmarc;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds the author domain in raw From header fields. Deliberately small: it finds the one address's
 * domain or gives up; it is no RFC 5322 parser, and it never throws on what a sender wrote.
 */
final class FromField {

    /** Raw header fields longer than this are not worth parsing for a From address. */
    private static final int MAX_FIELD = 8192;
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)+");

    private FromField() {
    }

    /**
     * @param fromFields every From header field of the message, each its value (unfolded or not), with or
     *        without the leading {@code From:}
     */
    static AuthorDomain authorDomain(List<String> fromFields) {
        if (fromFields == null || fromFields.isEmpty()) {
            return new AuthorDomain.Missing();
        }
        if (fromFields.size() != 1) {
            return new AuthorDomain.Unusable((fromFields == null ? 0 : fromFields.size()) + " From header fields");
        }
        String value = fromFields.get(0);
        if (value == null || value.length() > MAX_FIELD) {
            return new AuthorDomain.Unusable("unparseable From header field");
        }
        value = value.replace('\r', ' ').replace('\n', ' ');
        if (value.regionMatches(true, 0, "From", 0, 4) && value.substring(4).stripLeading().startsWith(":")) {
            value = value.substring(value.indexOf(':') + 1);
        }
        List<String> mailboxes = split(value);
        if (mailboxes == null) {
            return new AuthorDomain.Unusable("unparseable From header field");
        }
        if (mailboxes.size() != 1) {
            return new AuthorDomain.Unusable(mailboxes.size() + " addresses in the From header field");
        }
        return domain(mailboxes.get(0));
    }

    /** The mailboxes of an address list, comments removed and groups opened; {@code null} if unbalanced. */
    private static List<String> split(String value) {
        List<String> mailboxes = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int comment = 0;
        int angle = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                current.append(c);
                if (c == '\\' && i + 1 < value.length()) {
                    current.append(value.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (comment > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    comment++;
                } else if (c == ')') {
                    comment--;
                }
            } else if (c == '"') {
                quoted = true;
                current.append(c);
            } else if (c == '(') {
                comment = 1;
            } else if (c == '<') {
                angle++;
                current.append(c);
            } else if (c == '>') {
                angle--;
                current.append(c);
            } else if (angle == 0 && c == ':') {
                // RFC 6854 group syntax: the group's name is not a mailbox
                current.setLength(0);
            } else if (angle == 0 && (c == ',' || c == ';')) {
                add(mailboxes, current);
            } else {
                current.append(c);
            }
            if (angle < 0) {
                return null;
            }
        }
        if (quoted || comment > 0 || angle != 0) {
            return null;
        }
        add(mailboxes, current);
        return mailboxes;
    }

    private static void add(List<String> mailboxes, StringBuilder current) {
        if (!current.toString().isBlank()) {
            mailboxes.add(current.toString().strip());
        }
        current.setLength(0);
    }

    private static AuthorDomain domain(String mailbox) {
        String address = mailbox;
        int open = outsideQuotes(mailbox, '<', false);
        if (open >= 0) {
            int close = mailbox.indexOf('>', open);
            address = mailbox.substring(open + 1, close < 0 ? mailbox.length() : close);
            // an obsolete source route (@a,@b:user@domain) precedes the address proper
            int route = outsideQuotes(address, ':', true);
            address = route >= 0 ? address.substring(route + 1) : address;
        }
        int at = outsideQuotes(address, '@', true);
        if (at < 0) {
            return new AuthorDomain.Unusable("no domain in the From address");
        }
        String domain = address.substring(at + 1).strip();
        domain = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        try {
            domain = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return new AuthorDomain.Unusable("invalid domain in the From address");
        }
        if (domain.length() > 253 || !DOMAIN.matcher(domain).matches()) {
            return new AuthorDomain.Unusable("invalid domain in the From address");
        }
        return new AuthorDomain.Found(domain);
    }

    private static int outsideQuotes(String text, char wanted, boolean last) {
        boolean quoted = false;
        int found = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == wanted) {
                if (!last) {
                    return i;
                }
                found = i;
            }
        }
        return found;
    }
}
