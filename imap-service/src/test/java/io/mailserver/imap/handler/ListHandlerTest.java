package io.mailserver.imap.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.imap.client.MailboxInfo;
import io.mailserver.imap.client.MailboxListing;
import io.mailserver.imap.client.MailboxRole;
import io.mailserver.imap.command.ListCommand;
import io.mailserver.imap.reply.ListResponse;
import io.mailserver.imap.reply.ResponseEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListHandlerTest {

    private static final MailboxListing MAILBOXES = new MailboxListing(List.of(
            mailbox("INBOX", MailboxRole.NONE, true),
            mailbox("Sent", MailboxRole.SENT, true),
            mailbox("Trash", MailboxRole.TRASH, false),
            mailbox("Archive/2023", MailboxRole.NONE, true),
            mailbox("Archive/2024", MailboxRole.NONE, false),
            mailbox("INBOX/Lists", MailboxRole.NONE, false)), "/", List.of());

    private static MailboxInfo mailbox(String name, MailboxRole role, boolean subscribed) {
        return new MailboxInfo(0, name, role, 0, 0, 0, 0, 0, 0, subscribed, 0, 0);
    }

    private static List<String> list(String reference, String pattern, boolean lsub) {
        return ListHandler.matches(lsub ? "LSUB" : "LIST", MAILBOXES, new ListCommand("a", reference, pattern, lsub))
                .stream().map(listed -> line(listed.line())).toList();
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

    /** imaptest's listext tree: t/test1 (sub), t/test2/test1 (sub), t/test3, t/test6 (deleted, sub), t/test8/test8 and test9 (sub). */
    private static final MailboxListing TREE = new MailboxListing(List.of(
            mailbox("t", MailboxRole.NONE, false),
            mailbox("t/test1", MailboxRole.NONE, true),
            mailbox("t/test2", MailboxRole.NONE, false),
            mailbox("t/test2/test1", MailboxRole.NONE, true),
            mailbox("t/test3", MailboxRole.NONE, false),
            mailbox("t/test8", MailboxRole.NONE, false),
            mailbox("t/test8/test8", MailboxRole.NONE, true),
            mailbox("t/test8/test9", MailboxRole.NONE, true),
            mailbox("Sent", MailboxRole.SENT, false)), "/", List.of("t/test6"));

    private static List<String> extended(Set<ListCommand.Selection> selection, Set<ListCommand.Return> returns,
            String... patterns) {
        return ListHandler.matches("LIST", TREE, new ListCommand("a", "", List.of(patterns), false, selection, returns, null))
                .stream().map(listed -> line(listed.line())).toList();
    }

    @Test
    void subscribedSelectionListsKeptSubscriptionsAsNonExistent() {
        assertThat(extended(Set.of(ListCommand.Selection.SUBSCRIBED), Set.of(), "t/*")).containsExactly(
                "* LIST (\\HasNoChildren \\Subscribed) \"/\" t/test1",
                "* LIST (\\HasNoChildren \\Subscribed) \"/\" t/test2/test1",
                "* LIST (\\NonExistent \\Subscribed) \"/\" t/test6",
                "* LIST (\\HasNoChildren \\Subscribed) \"/\" t/test8/test8",
                "* LIST (\\HasNoChildren \\Subscribed) \"/\" t/test8/test9");
        assertThat(ListHandler.matches("LSUB", TREE, new ListCommand("a", "", "t/*", true)).stream()
                .map(listed -> line(listed.line()))).contains("* LSUB (\\Noselect) \"/\" t/test6");
        // without the SUBSCRIBED selection a deleted mailbox is not there
        assertThat(extended(Set.of(), Set.of(ListCommand.Return.SUBSCRIBED), "t/%")).containsExactly(
                "* LIST (\\HasNoChildren \\Subscribed) \"/\" t/test1",
                "* LIST (\\HasChildren) \"/\" t/test2",
                "* LIST (\\HasNoChildren) \"/\" t/test3",
                "* LIST (\\HasChildren) \"/\" t/test8");
    }

    @Test
    void recursiveMatchReportsParentsOfUnreachedSubscriptions() {
        Set<ListCommand.Selection> recursive = Set.of(ListCommand.Selection.SUBSCRIBED,
                ListCommand.Selection.RECURSIVEMATCH);
        assertThat(extended(recursive, Set.of(), "t/test2%")).containsExactly(
                "* LIST (\\HasChildren) \"/\" t/test2 (CHILDINFO (\"SUBSCRIBED\"))");
        assertThat(extended(recursive, Set.of(), "t*test8")).containsExactly(
                "* LIST (\\HasChildren) \"/\" t/test8 (CHILDINFO (\"SUBSCRIBED\"))",
                "* LIST (\\HasNoChildren \\Subscribed) \"/\" t/test8/test8");
        assertThat(extended(recursive, Set.of(), "t/test2", "t/test2/test1")).containsExactly(
                "* LIST (\\HasNoChildren \\Subscribed) \"/\" t/test2/test1");
        assertThat(extended(Set.of(ListCommand.Selection.SPECIAL_USE), Set.of(), "*")).containsExactly(
                "* LIST (\\HasNoChildren \\Sent) \"/\" Sent");
        assertThat(extended(Set.of(), Set.of(), "t/*2", "t/test3")).containsExactly(
                "* LIST (\\HasChildren) \"/\" t/test2",
                "* LIST (\\HasNoChildren) \"/\" t/test3");
    }
}
