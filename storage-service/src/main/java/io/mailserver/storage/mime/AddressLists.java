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
 * decodes them; so every {@code =?} is masked with a private-use character before parsing and
 * restored afterwards. A mailbox without a domain gets host "" (a NIL host would mean a group).
 */
public final class AddressLists {

    private static final String MASK = "\uE000?";

    private AddressLists() {
    }

    public static List<Address> parse(String unfoldedValue) {
        List<Address> out = new ArrayList<>();
        AddressList list;
        try {
            list = LenientAddressParser.DEFAULT.parseAddressList(unfoldedValue.replace("=?", MASK));
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
