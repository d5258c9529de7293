package io.mailserver.storage.mime;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.contracts.storage.v1.Address;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressListsTest {

    private static String show(List<Address> addresses) {
        StringBuilder out = new StringBuilder();
        for (Address a : addresses) {
            out.append('(').append(a.hasName() ? '"' + a.getName() + '"' : "NIL").append(' ')
                    .append(a.hasMailbox() ? a.getMailbox() : "NIL").append(' ')
                    .append(a.hasHost() ? a.getHost() : "NIL").append(')');
        }
        return out.toString();
    }

    @Test
    void aTrailingCommentIsTheDisplayNameOfABareAddress() {
        assertThat(show(AddressLists.parse("user@domain (Real Name)"))).isEqualTo("(\"Real Name\" user domain)");
        assertThat(show(AddressLists.parse("a@b (x), C <c@d> (y)"))).isEqualTo("(\"x\" a b)(\"C\" c d)");
        assertThat(show(AddressLists.parse("x@y (a \"b\" c)"))).isEqualTo("(\"a \"b\" c\" x y)");
        assertThat(show(AddressLists.parse("x@y (outer (inner) end)"))).isEqualTo("(\"outer (inner) end\" x y)");
        assertThat(show(AddressLists.parse("x@y (=?utf-8?q?Caf=C3=A9?=)"))).isEqualTo("(\"=?utf-8?q?Caf=C3=A9?=\" x y)");
        // encoded words stay encoded (IMAP hands them over as written) and cost the address nothing
        assertThat(show(AddressLists.parse("=?utf-8?q?Caf=C3=A9?= <x@y>"))).isEqualTo("(\"=?utf-8?q?Caf=C3=A9?=\" x y)");
    }

    @Test
    void commentsElsewhereAreNotNames() {
        assertThat(show(AddressLists.parse("user (c1) @domain"))).isEqualTo("(NIL user domain)");
        assertThat(show(AddressLists.parse("<user-from (comment)@ (comment) domain.org>")))
                .isEqualTo("(NIL user-from domain.org)");
        assertThat(show(AddressLists.parse("\"Quoted\" <q@d> (comment)"))).isEqualTo("(\"Quoted\" q d)");
        assertThat(show(AddressLists.parse("(only a comment)"))).isEmpty();
    }

    @Test
    void groupsKeepTheirShape() {
        assertThat(show(AddressLists.parse("group: g1@d1.org, g2@d2.org (Two);, group2: (foo) ;")))
                .isEqualTo("(NIL group NIL)(NIL g1 d1.org)(\"Two\" g2 d2.org)(NIL NIL NIL)(NIL group2 NIL)(NIL NIL NIL)");
    }
}
