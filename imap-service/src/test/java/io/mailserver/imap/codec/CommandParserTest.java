package io.mailserver.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.imap.command.AppendCommand;
import io.mailserver.imap.command.AuthenticateCommand;
import io.mailserver.imap.command.CopyCommand;
import io.mailserver.imap.command.CreateCommand;
import io.mailserver.imap.command.DeleteCommand;
import io.mailserver.imap.command.EnableCommand;
import io.mailserver.imap.command.ExpungeCommand;
import io.mailserver.imap.command.IdCommand;
import io.mailserver.imap.command.RenameCommand;
import io.mailserver.imap.command.StatusCommand;
import io.mailserver.imap.command.FetchAttribute;
import io.mailserver.imap.command.FetchAttribute.MessageItem;
import io.mailserver.imap.command.FetchAttribute.SectionItem;
import io.mailserver.imap.command.FetchCommand;
import io.mailserver.imap.command.ImapCommand;
import io.mailserver.imap.command.ListCommand;
import io.mailserver.imap.command.LoginCommand;
import io.mailserver.imap.command.SearchCommand;
import io.mailserver.imap.command.SearchKey;
import io.mailserver.imap.command.SectionSpec;
import io.mailserver.imap.command.SelectCommand;
import io.mailserver.imap.command.SequenceSet;
import io.mailserver.imap.command.StoreCommand;
import io.mailserver.protocol.io.InputBuffer;
import io.vertx.core.buffer.Buffer;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandParserTest {

    @Test
    void sequenceSets() {
        assertThat(SequenceSetParser.parse("1").toString()).isEqualTo("1");
        assertThat(SequenceSetParser.parse("1:*").ranges()).containsExactly(new SequenceSet.Range(1, SequenceSet.LARGEST));
        assertThat(SequenceSetParser.parse("*").ranges()).containsExactly(
                new SequenceSet.Range(SequenceSet.LARGEST, SequenceSet.LARGEST));
        assertThat(SequenceSetParser.parse("2,4:7,9,12:*").toString()).isEqualTo("2,4:7,9,12:*");
        assertThat(SequenceSetParser.parse("7:4").ranges().get(0).low(10)).isEqualTo(4);
        assertThat(SequenceSetParser.parse("4294967295").ranges().get(0).first()).isEqualTo(4294967295L);
        for (String invalid : new String[] {"", "0", "1:", ":2", "1,,2", "a", "1:2:3", "4294967296", "01", "1,"}) {
            assertThat(SequenceSetParser.parse(invalid)).as(invalid).isNull();
        }
    }

    @Test
    void loginWithQuotedEscapesAndLiterals() {
        LoginCommand login = (LoginCommand) parse("a LOGIN \"j\\\\d\\\"oe\" {4}\r\np@ss\r\n");
        assertThat(login.user()).isEqualTo("j\\d\"oe");
        assertThat(login.password()).isEqualTo("p@ss");
        assertThat(login.toString()).doesNotContain("p@ss");
        assertThat(parse("a login user pass")).isInstanceOf(LoginCommand.class);
        assertThat(bad("a LOGIN user")).isEqualTo("Missing argument");
        assertThat(bad("a LOGIN user pass extra")).isEqualTo("Unexpected extra arguments");
        assertThat(bad("a LOGIN (user) pass")).isEqualTo("Expected a string");
    }

    @Test
    void authenticate() {
        AuthenticateCommand ir = (AuthenticateCommand) parse("a AUTHENTICATE plain AHVzZXIAcGFzcw==");
        assertThat(ir.mechanism()).isEqualTo("PLAIN");
        assertThat(ir.initialResponse()).isEqualTo("AHVzZXIAcGFzcw==");
        assertThat(((AuthenticateCommand) parse("a AUTHENTICATE PLAIN")).initialResponse()).isNull();
        assertThat(((AuthenticateCommand) parse("a AUTHENTICATE PLAIN =")).initialResponse()).isEqualTo("=");
        assertThat(bad("a AUTHENTICATE PLAIN a!b")).isEqualTo("Invalid initial response");
    }

    @Test
    void listAndSelect() {
        ListCommand list = (ListCommand) parse("a LIST \"\" %");
        assertThat(list.reference()).isEmpty();
        assertThat(list.patterns()).containsExactly("%");
        assertThat(((ListCommand) parse("a LIST ~/Mail/ *")).patterns()).containsExactly("*");
        assertThat(((ListCommand) parse("a LSUB \"\" \"*\"")).lsub()).isTrue();
        assertThat(((ListCommand) parse("a LIST \"\" Entw&APw-rfe/%")).patterns()).containsExactly("Entwürfe/%");
        ListCommand extended = (ListCommand) parse(
                "a LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (INBOX \"Sent*\") RETURN (CHILDREN STATUS (MESSAGES unseen))");
        assertThat(extended.selection()).containsExactlyInAnyOrder(ListCommand.Selection.SUBSCRIBED,
                ListCommand.Selection.RECURSIVEMATCH);
        assertThat(extended.patterns()).containsExactly("INBOX", "Sent*");
        assertThat(extended.returns()).containsExactly(ListCommand.Return.CHILDREN);
        assertThat(extended.statusItems()).containsExactly("MESSAGES", "UNSEEN");
        assertThat(bad("a LIST (IMAPTEST) \"\" \"\"")).isEqualTo("Unknown LIST selection option");
        assertThat(bad("a LIST (RECURSIVEMATCH REMOTE) \"\" %")).isEqualTo("RECURSIVEMATCH needs another selection option");
        assertThat(bad("a LIST \"\" % RETURN (IMAPTEST)")).isEqualTo("Unknown LIST return option");
        assertThat(bad("a LIST \"\" % RETURN (STATUS (MESSAGES BOGUS))")).isEqualTo("Unknown status item");
        assertThat(bad("a LSUB (SUBSCRIBED) \"\" %")).isNotNull();
        assertThat(((SelectCommand) parse("a SELECT inbox")).mailbox()).isEqualTo("INBOX");
        assertThat(((SelectCommand) parse("a EXAMINE \"Sent Items\"")).readOnly()).isTrue();
        assertThat(((SelectCommand) parse("a SELECT Entw&APw-rfe")).mailbox()).isEqualTo("Entwürfe");
        assertThat(bad("a SELECT a%b")).isEqualTo("Invalid characters in atom");
    }

    @Test
    void fetchItemsAndMacros() {
        FetchCommand all = (FetchCommand) parse("a FETCH 1:* ALL");
        assertThat(all.attributes()).containsExactly(MessageItem.FLAGS, MessageItem.INTERNALDATE,
                MessageItem.RFC822_SIZE, MessageItem.ENVELOPE);
        assertThat(((FetchCommand) parse("a FETCH 1 FAST")).attributes()).hasSize(3);
        assertThat(((FetchCommand) parse("a FETCH 1 full")).attributes()).endsWith(MessageItem.BODY);
        assertThat(((FetchCommand) parse("a FETCH 2,4 flags")).attributes()).containsExactly(MessageItem.FLAGS);

        FetchCommand uid = (FetchCommand) parse(
                "a UID FETCH 1:* (UID RFC822.SIZE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (From \"To\")]<0.100> BODY[1.2.MIME] BODY[] RFC822 RFC822.HEADER RFC822.TEXT BODY[TEXT]<10.5> BODY[2] BODY[3.HEADER])");
        assertThat(uid.uid()).isTrue();
        assertThat(uid.name()).isEqualTo("UID FETCH");
        List<FetchAttribute> items = uid.attributes();
        assertThat(items.subList(0, 3)).containsExactly(MessageItem.UID, MessageItem.RFC822_SIZE, MessageItem.BODYSTRUCTURE);
        SectionItem fields = (SectionItem) items.get(3);
        assertThat(fields.peek()).isTrue();
        assertThat(fields.section()).isEqualTo(new SectionSpec("", SectionSpec.Text.HEADER_FIELDS, List.of("From", "To")));
        assertThat(fields.partialOffset()).isEqualTo(0);
        assertThat(fields.partialLength()).isEqualTo(100);
        assertThat(fields.responseLabel()).isEqualTo("BODY[HEADER.FIELDS (From To)]<0>");
        assertThat(((SectionItem) items.get(4)).responseLabel()).isEqualTo("BODY[1.2.MIME]");
        assertThat(((SectionItem) items.get(5)).section()).isEqualTo(SectionSpec.WHOLE);
        assertThat(((SectionItem) items.get(5)).peek()).isFalse();
        assertThat(((SectionItem) items.get(6)).responseLabel()).isEqualTo("RFC822");
        assertThat(((SectionItem) items.get(7)).peek()).isTrue();
        assertThat(((SectionItem) items.get(8)).section().text()).isEqualTo(SectionSpec.Text.TEXT);
        assertThat(((SectionItem) items.get(9)).responseLabel()).isEqualTo("BODY[TEXT]<10>");
        assertThat(((SectionItem) items.get(10)).section()).isEqualTo(new SectionSpec("2", SectionSpec.Text.CONTENT, List.of()));
        assertThat(((SectionItem) items.get(11)).responseLabel()).isEqualTo("BODY[3.HEADER]");
        SectionItem not = (SectionItem) ((FetchCommand) parse("a FETCH 1 BODY.PEEK[HEADER.FIELDS.NOT (Received)]"))
                .attributes().get(0);
        assertThat(not.responseLabel()).isEqualTo("BODY[HEADER.FIELDS.NOT (Received)]");

        assertThat(bad("a FETCH 0 FLAGS")).isEqualTo("Invalid sequence set");
        assertThat(bad("a FETCH 1 FLAGZ")).isEqualTo("Unknown FETCH item");
        assertThat(bad("a FETCH 1 BODY[MIME]")).isEqualTo("MIME needs a part number");
        assertThat(bad("a FETCH 1 BODY[HEADER.FIELDS]")).isEqualTo("HEADER.FIELDS needs a header list");
        assertThat(bad("a FETCH 1 BODY[0]")).isEqualTo("Section part numbers start at 1");
        assertThat(bad("a FETCH 1 BODY[]<5>")).isEqualTo("Partial needs offset.length");
        assertThat(bad("a FETCH 1 (FLAGS")).isEqualTo("Missing argument");
        assertThat(bad("a FETCH 1")).isEqualTo("Missing argument");
    }

    @Test
    void binaryItemsNamePartsOnly() {
        List<FetchAttribute> items = ((FetchCommand) parse("a FETCH 1 (BINARY[1.2]<0.7> binary.peek[] BINARY.SIZE[3])"))
                .attributes();
        SectionItem binary = (SectionItem) items.get(0);
        assertThat(binary.form()).isEqualTo(FetchAttribute.Form.BINARY);
        assertThat(binary.peek()).isFalse();
        assertThat(binary.responseLabel()).isEqualTo("BINARY[1.2]<0>");
        assertThat(((SectionItem) items.get(1)).peek()).isTrue();
        assertThat(((SectionItem) items.get(1)).responseLabel()).isEqualTo("BINARY[]");
        assertThat(items.get(2)).isEqualTo(new FetchAttribute.BinarySize("3"));
        assertThat(((FetchAttribute.BinarySize) items.get(2)).responseLabel()).isEqualTo("BINARY.SIZE[3]");

        assertThat(bad("a FETCH 1 BINARY[TEXT]")).isEqualTo("Invalid binary section");
        assertThat(bad("a FETCH 1 BINARY[1.HEADER]")).isEqualTo("Invalid binary section");
        assertThat(bad("a FETCH 1 BINARY[0]")).isEqualTo("Section part numbers start at 1");
        assertThat(bad("a FETCH 1 BINARY.SIZE[1]<0.5>")).isEqualTo("BINARY.SIZE takes no partial");
        assertThat(bad("a FETCH 1 BINARY[1")).isEqualTo("Expected ] after the binary section");
        assertThat(bad("a FETCH 1 BINARYX")).isEqualTo("Unknown FETCH item");
    }

    @Test
    void store() {
        StoreCommand store = (StoreCommand) parse("a STORE 1:3 +FLAGS.SILENT (\\seen \\Deleted $Junk)");
        assertThat(store.mode()).isEqualTo(StoreCommand.Mode.ADD);
        assertThat(store.silent()).isTrue();
        assertThat(store.flags()).containsExactly("\\Seen", "\\Deleted", "$Junk");
        StoreCommand uid = (StoreCommand) parse("a UID STORE 5 -FLAGS \\Flagged");
        assertThat(uid.uid()).isTrue();
        assertThat(uid.mode()).isEqualTo(StoreCommand.Mode.REMOVE);
        assertThat(uid.flags()).containsExactly("\\Flagged");
        assertThat(((StoreCommand) parse("a STORE 1 FLAGS ()")).flags()).isEmpty();
        assertThat(bad("a STORE 1 +FLAGS (\\Recent)")).startsWith("Flag cannot be stored");
        assertThat(bad("a STORE 1 LABELS (x)")).isEqualTo("Expected FLAGS, +FLAGS or -FLAGS");
    }

    @Test
    void searchKeys() {
        SearchCommand search = (SearchCommand) parse(
                "a SEARCH CHARSET utf-8 1:3,5 UID 7:* FROM \"Joe\" NOT SEEN OR FLAGGED (DELETED UNANSWERED) "
                        + "HEADER X-Spam yes BODY {5}\r\nhello TEXT x SINCE 1-Feb-2024 SENTBEFORE \"12-Dec-2023\" "
                        + "LARGER 100 SMALLER 5000 KEYWORD $Work UNKEYWORD $Old ALL NEW OLD\r\n");
        assertThat(search.charset()).isEqualTo("UTF-8");
        List<SearchKey> keys = ((SearchKey.And) search.key()).keys();
        assertThat(keys).containsExactly(
                new SearchKey.SequenceNumbers(SequenceSetParser.parse("1:3,5")),
                new SearchKey.Uids(SequenceSetParser.parse("7:*")),
                new SearchKey.Header("From", "Joe"),
                new SearchKey.Not(new SearchKey.Flag("\\Seen", true)),
                new SearchKey.Or(new SearchKey.Flag("\\Flagged", true), new SearchKey.And(List.of(
                        new SearchKey.Flag("\\Deleted", true), new SearchKey.Flag("\\Answered", false)))),
                new SearchKey.Header("X-Spam", "yes"),
                new SearchKey.Body("hello"),
                new SearchKey.Text("x"),
                new SearchKey.InternalDate(SearchKey.DateOp.SINCE, LocalDate.of(2024, 2, 1)),
                new SearchKey.SentDate(SearchKey.DateOp.BEFORE, LocalDate.of(2023, 12, 12)),
                new SearchKey.Size(true, 100),
                new SearchKey.Size(false, 5000),
                new SearchKey.Flag("$Work", true),
                new SearchKey.Flag("$Old", false),
                new SearchKey.All(),
                new SearchKey.And(List.of(new SearchKey.Recent(true), new SearchKey.Flag("\\Seen", false))),
                new SearchKey.Recent(false));
        assertThat(((SearchCommand) parse("a UID SEARCH ALL")).key()).isEqualTo(new SearchKey.All());
        assertThat(((SearchCommand) parse("a SEARCH CHARSET KOI8-R ALL")).charset()).isEqualTo("KOI8-R");
        assertThat(bad("a SEARCH")).isEqualTo("Missing search key");
        assertThat(bad("a SEARCH SINCE 30-Feb-2024")).isEqualTo("Invalid date");
        assertThat(bad("a SEARCH FOO")).isEqualTo("Unknown search key");
        assertThat(bad("a SEARCH (SEEN")).isEqualTo("Missing argument");
        assertThat(bad("a SEARCH " + "NOT ".repeat(100) + "ALL")).isEqualTo("Search keys nested too deeply");
    }

    @Test
    void otherCommands() {
        assertThat(parse("a CAPABILITY").name()).isEqualTo("CAPABILITY");
        assertThat(parse("a UNSELECT").name()).isEqualTo("UNSELECT");
        assertThat(parse("a CLOSE").name()).isEqualTo("CLOSE");
        assertThat(parse("a EXPUNGE").name()).isEqualTo("EXPUNGE");
        assertThat(parse("a check").name()).isEqualTo("CHECK");
        assertThat(bad("a NOOP extra")).isEqualTo("Unexpected extra arguments");
        assertThat(bad("a UID XCOPY 1 x")).isEqualTo("Unknown UID command");
        assertThat(parse("a UID COPY 1:3 x")).isEqualTo(new CopyCommand("a", SequenceSetParser.parse("1:3"), "x", true, false));
        assertThat(parse("a MOVE 2 \"Trash\"")).isEqualTo(new CopyCommand("a", SequenceSetParser.parse("2"), "Trash", false, true));
        assertThat(parse("a UID EXPUNGE 4:*")).isEqualTo(new ExpungeCommand("a", SequenceSetParser.parse("4:*")));
        assertThat(bad("a UID EXPUNGE")).isEqualTo("Missing argument");
        assertThat(parse("a CREATE x/y (USE (\\Sent))")).isEqualTo(new CreateCommand("a", "x/y", "\\Sent"));
        assertThat(parse("a create inbox/x")).isEqualTo(new CreateCommand("a", "INBOX/x", null));
        assertThat(bad("a CREATE x (FOO)")).isEqualTo("Unknown CREATE parameter");
        assertThat(parse("a RENAME INBOX Old")).isEqualTo(new RenameCommand("a", "INBOX", "Old"));
        assertThat(parse("a DELETE {3+}\r\nabc")).isEqualTo(new DeleteCommand("a", "abc"));
        assertThat(parse("a SUBSCRIBE x").name()).isEqualTo("SUBSCRIBE");
        assertThat(parse("a UNSUBSCRIBE x").name()).isEqualTo("UNSUBSCRIBE");
        assertThat(parse("a STATUS INBOX (messages UIDNEXT messages)"))
                .isEqualTo(new StatusCommand("a", "INBOX", List.of("MESSAGES", "UIDNEXT")));
        assertThat(parse("a NAMESPACE").name()).isEqualTo("NAMESPACE");
        assertThat(parse("a ENABLE condstore X-Y")).isEqualTo(new EnableCommand("a", List.of("CONDSTORE", "X-Y")));
        IdCommand id = (IdCommand) parse("a ID (\"Name\" \"x\" \"os\" NIL)");
        assertThat(id.fields()).containsExactly(
                java.util.Map.entry("name", "x"), java.util.Map.entry("os", ""));
        assertThat(parse("a APPEND Sent (\\Seen) \" 4-Jul-2024 02:44:25 -0700\" {42}")).isEqualTo(new AppendCommand("a", "Sent",
                List.of("\\Seen"), java.time.OffsetDateTime.parse("2024-07-04T02:44:25-07:00"), new MessageLiteral(42, true, false), false));
        assertThat(parse("a APPEND INBOX {7+}")).isEqualTo(new AppendCommand("a", "INBOX", List.of(), null,
                new MessageLiteral(7, false, false), false));
        assertThat(bad("a APPEND INBOX \"4-Jul-2024\" {7}")).isEqualTo("Invalid date-time");
        assertThat(bad("a APPEND INBOX (\\Recent) {7}")).isEqualTo("Flag cannot be stored: \\Recent");
        assertThat(bad("a APPEND INBOX")).isEqualTo("Missing message literal");
        assertThat(bad("a ID (" + "\"f\" \"v\" ".repeat(31) + ")")).isEqualTo("Too many ID fields");
        assertThat(parse("a UID FETCH 1 FLAGS").allowsExpungeResponses()).isFalse();
        assertThat(parse("a NOOP").allowsExpungeResponses()).isTrue();
    }

    /** Frames {@code text} (CRLF added when missing) and parses the one command in it. */
    private static ImapCommand parse(String text) {
        CommandParser.Outcome outcome = CommandParser.parse(frame(text));
        assertThat(outcome).as(text).isInstanceOf(CommandParser.Parsed.class);
        return ((CommandParser.Parsed) outcome).command();
    }

    private static String bad(String text) {
        CommandParser.Outcome outcome = CommandParser.parse(frame(text));
        assertThat(outcome).as(text).isInstanceOf(CommandParser.Invalid.class);
        return ((CommandParser.Invalid) outcome).message();
    }

    private static RawCommand frame(String text) {
        ImapDecoder decoder = new ImapDecoder(100_000, 100_000);
        InputBuffer in = new InputBuffer();
        in.append(Buffer.buffer(text.endsWith("\r\n") ? text : text + "\r\n"));
        while (true) {
            Decoded d = decoder.decode(in);
            if (d instanceof Decoded.Command c) {
                return c.command();
            }
            assertThat(d).as(text).isInstanceOf(Decoded.ContinueLiteral.class);
        }
    }
}
