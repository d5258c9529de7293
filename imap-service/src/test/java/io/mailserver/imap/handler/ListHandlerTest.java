package io.mailserver.imap.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.contracts.storage.v1.ListMailboxesResponse;
import io.mailserver.contracts.storage.v1.Mailbox;
import io.mailserver.contracts.storage.v1.SpecialUse;
import io.mailserver.imap.command.ListCommand;
import io.mailserver.imap.reply.ListResponse;
import io.mailserver.imap.reply.ResponseEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListHandlerTest {

    private static final ListMailboxesResponse MAILBOXES = ListMailboxesResponse.newBuilder()
            .setDelimiter("/")
            .addMailboxes(mailbox("INBOX", SpecialUse.SPECIAL_USE_INBOX, true))
            .addMailboxes(mailbox("Sent", SpecialUse.SPECIAL_USE_SENT, true))
            .addMailboxes(mailbox("Trash", SpecialUse.SPECIAL_USE_TRASH, false))
            .addMailboxes(mailbox("Archive/2023", SpecialUse.SPECIAL_USE_NONE, true))
            .addMailboxes(mailbox("Archive/2024", SpecialUse.SPECIAL_USE_NONE, false))
            .addMailboxes(mailbox("INBOX/Lists", SpecialUse.SPECIAL_USE_NONE, false))
            .build();

    private static Mailbox mailbox(String name, SpecialUse use, boolean subscribed) {
        return Mailbox.newBuilder().setName(name).setSpecialUse(use).setSubscribed(subscribed).build();
    }

    private static List<String> list(String reference, String pattern, boolean lsub) {
        return ListHandler.matches(lsub ? "LSUB" : "LIST", MAILBOXES, new ListCommand("a", reference, pattern, lsub))
                .stream().map(ListHandlerTest::line).toList();
    }

    private static String line(ListResponse r) {
        return ResponseEncoder.encode(r).toString(StandardCharsets.UTF_8).trim();
    }

    @Test
    void percentStopsAtTheDelimiterAndImpliedParentsAreNoselect() {
        assertThat(list("", "%", false)).containsExactly(
                "* LIST (\\HasChildren) \"/\" INBOX",
                "* LIST (\\Noselect \\HasChildren) \"/\" Archive",
                "* LIST (\\HasNoChildren \\Sent) \"/\" Sent",
                "* LIST (\\HasNoChildren \\Trash) \"/\" Trash");
    }

    @Test
    void starMatchesEverything() {
        assertThat(list("", "*", false)).hasSize(7);
        assertThat(list("Archive/", "%", false)).containsExactly(
                "* LIST (\\HasNoChildren) \"/\" Archive/2023",
                "* LIST (\\HasNoChildren) \"/\" Archive/2024");
        assertThat(list("", "inbox", false)).containsExactly("* LIST (\\HasChildren) \"/\" INBOX");
        assertThat(list("", "inbox/*", false)).containsExactly("* LIST (\\HasNoChildren) \"/\" INBOX/Lists");
        assertThat(list("", "Arch*4", false)).containsExactly("* LIST (\\HasNoChildren) \"/\" Archive/2024");
        assertThat(list("", "nothing", false)).isEmpty();
    }

    @Test
    void lsubListsSubscribedOnly() {
        assertThat(list("", "*", true)).containsExactly(
                "* LSUB () \"/\" INBOX",
                "* LSUB () \"/\" Archive/2023",
                "* LSUB () \"/\" Sent");
    }

    @Test
    void lsubWithPercentListsTheUnsubscribedParentOfASubscribedChildAsNoselect() {
        assertThat(list("", "%", true)).containsExactly(
                "* LSUB () \"/\" INBOX",
                "* LSUB (\\Noselect) \"/\" Archive",
                "* LSUB () \"/\" Sent");
        assertThat(list("", "Archive/%", true)).containsExactly("* LSUB () \"/\" Archive/2023");
    }
}
