package io.mailserver.storage.mime;

import io.mailserver.contracts.storage.v1.Address;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;

/**
 * Address header values as IMAP ENVELOPE addresses (RFC 9051 §7.5.2), parsed by mime4j's lenient
 * RFC 5322 parser. IMAP hands the client the display name with its encoded words intact, but mime4j
 * decodes them; so every {@code =?} is masked with a control character before parsing and
 * restored afterwards. A mailbox without a domain gets host "" (a NIL host would mean a group).
 * The old form {@code user@domain (Real Name)} has its comment taken as the display name, as
 * RFC 822 mail meant it and as Dovecot and Cyrus show it; mime4j would drop it.
 */
public final class AddressLists {

    /** A control character: mime4j keeps it in names and, unlike a private-use character, keeps the rest parseable. */
    private static final String MASK = "\u0001?";

    private AddressLists() {
    }

    public static List<Address> parse(String unfoldedValue) {
        List<Address> out = new ArrayList<>();
        AddressList list;
        try {
            list = LenientAddressParser.DEFAULT.parseAddressList(commentsAsNames(unfoldedValue.replace("=?", MASK)));
        } catch (RuntimeException e) {
            return out;
        }
        for (org.apache.james.mime4j.dom.address.Address address : list) {
            if (address instanceof Mailbox mailbox) {
                out.add(mailbox(mailbox));
            } else if (address instanceof Group group) {
                out.add(Address.newBuilder().setMailbox(unmask(group.getName())).build());
                for (Mailbox member : group.getMailboxes()) {
                    out.add(mailbox(member));
                }
                out.add(Address.getDefaultInstance());
            }
        }
        return out;
    }

    /**
     * The address list with every {@code addr-spec (comment)} element, one with no display name or
     * angle brackets of its own, rewritten as {@code "comment" <addr-spec>}. Elements are split at
     * top-level commas, colons and semicolons, so group names and members are elements too.
     */
    static String commentsAsNames(String value) {
        if (value.indexOf('(') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        int start = 0;
        boolean quoted = false;
        int depth = 0;
        int angle = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted || depth > 0) {
                if (c == '\\') {
                    i++;
                } else if (quoted && c == '"') {
                    quoted = false;
                } else if (!quoted && c == '(') {
                    depth++;
                } else if (!quoted && c == ')') {
                    depth--;
                }
                continue;
            }
            switch (c) {
                case '"' -> quoted = true;
                case '(' -> depth = 1;
                case '<' -> angle++;
                case '>' -> angle = Math.max(0, angle - 1);
                case ',', ';', ':' -> {
                    if (angle == 0) {
                        out.append(withCommentAsName(value.substring(start, i))).append(c);
                        start = i + 1;
                    }
                }
                default -> {
                }
            }
        }
        return out.append(withCommentAsName(value.substring(start))).toString();
    }

    /** One element: {@code addr-spec (comment)} becomes {@code "comment" <addr-spec>}; anything else stays. */
    private static String withCommentAsName(String element) {
        int commentStart = -1;
        int commentEnd = -1;
        int depth = 0;
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (depth > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    commentEnd = i;
                }
            } else if (c == '(') {
                depth = 1;
                commentStart = i;
                commentEnd = -1;
            } else if (c == '"' || c == '<') {
                return element; // a display name or angle address of its own
            } else if (!Character.isWhitespace(c) && commentEnd >= 0) {
                commentStart = -1; // text after the comment: it was not trailing
                commentEnd = -1;
            }
        }
        if (commentStart < 0 || commentEnd < 0) {
            return element;
        }
        String address = element.substring(0, commentStart).strip();
        // strip(), not trim(): trim() would also eat the control character that masks an encoded word
        String name = element.substring(commentStart + 1, commentEnd).strip();
        if (address.isEmpty() || name.isEmpty()) {
            return element;
        }
        return " \"" + name.replace("\"", "\\\"") + "\" <" + address + ">";
    }

    private static Address mailbox(Mailbox mailbox) {
        Address.Builder b = Address.newBuilder();
        if (mailbox.getName() != null && !mailbox.getName().isBlank()) {
            b.setName(unmask(mailbox.getName()));
        }
        if (mailbox.getRoute() != null && !mailbox.getRoute().isEmpty()) {
            b.setAdl(mailbox.getRoute().toRouteString());
        }
        b.setMailbox(mailbox.getLocalPart() == null ? "" : unmask(mailbox.getLocalPart()));
        b.setHost(mailbox.getDomain() == null ? "" : mailbox.getDomain());
        return b.build();
    }

    private static String unmask(String s) {
        return s == null ? "" : s.replace(MASK, "=?");
    }
}
