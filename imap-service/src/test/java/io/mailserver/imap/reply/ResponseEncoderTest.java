package io.mailserver.imap.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseEncoderTest {

    private static String encode(Response response) {
        return ResponseEncoder.encode(response).toString(StandardCharsets.UTF_8);
    }

    @Test
    void statusAndData() {
        assertThat(encode(new StatusResponse("a1", Status.OK, ResponseCode.READ_WRITE, "SELECT completed")))
                .isEqualTo("a1 OK [READ-WRITE] SELECT completed\r\n");
        assertThat(encode(StatusResponse.untagged(Status.BAD, "Bad\r\nline"))).isEqualTo("* BAD Bad  line\r\n");
        assertThat(encode(StatusResponse.untagged(Status.OK, ResponseCode.list("PERMANENTFLAGS", List.of("\\Seen", "\\*")),
                "x"))).isEqualTo("* OK [PERMANENTFLAGS (\\Seen \\*)] x\r\n");
        assertThat(encode(new NumberedResponse(3, NumberedResponse.Kind.EXPUNGE))).isEqualTo("* 3 EXPUNGE\r\n");
        assertThat(encode(new SearchResponse(new long[] {2, 5}))).isEqualTo("* SEARCH 2 5\r\n");
        assertThat(encode(new SearchResponse(new long[0]))).isEqualTo("* SEARCH\r\n");
        assertThat(encode(new ContinuationRequest(""))).isEqualTo("+ \r\n");
        assertThat(encode(new CapabilityResponse(List.of("IMAP4rev1", "LITERAL+")))).isEqualTo("* CAPABILITY IMAP4rev1 LITERAL+\r\n");
    }

    @Test
    void listNamesAreModifiedUtf7AndQuotedWhenNeeded() {
        assertThat(encode(new ListResponse("LIST", List.of("\\HasNoChildren"), "/", "INBOX")))
                .isEqualTo("* LIST (\\HasNoChildren) \"/\" INBOX\r\n");
        assertThat(encode(new ListResponse("LIST", List.of(), "/", "Sent Items")))
                .isEqualTo("* LIST () \"/\" \"Sent Items\"\r\n");
        assertThat(encode(new ListResponse("LIST", List.of("\\Drafts"), "/", "Entwürfe")))
                .isEqualTo("* LIST (\\Drafts) \"/\" Entw&APw-rfe\r\n");
        assertThat(encode(new ListResponse("LIST", List.of("\\Noselect"), "/", ""))).isEqualTo("* LIST (\\Noselect) \"/\" \"\"\r\n");
        assertThat(encode(new ListResponse("LIST", List.of(), "/", "nil"))).isEqualTo("* LIST () \"/\" \"nil\"\r\n");
    }

    @Test
    void fetchItems() {
        assertThat(encode(new FetchResponse(4, List.of(new FetchItem.Uid(-1), new FetchItem.Flags(List.of("\\Seen")),
                new FetchItem.InternalDate(1_700_000_000L, 60), new FetchItem.Size(99)))))
                .isEqualTo("* 4 FETCH (UID 4294967295 FLAGS (\\Seen) INTERNALDATE \"14-Nov-2023 23:13:20 +0100\" RFC822.SIZE 99)\r\n");
        assertThat(encode(new FetchResponse(1, List.of(new FetchItem.InternalDate(0, -210)))))
                .isEqualTo("* 1 FETCH (INTERNALDATE \"31-Dec-1969 20:30:00 -0330\")\r\n");
        assertThat(encode(new FetchResponse(1, List.of(new FetchItem.InternalDate(86400L * 5, 0)))))
                .isEqualTo("* 1 FETCH (INTERNALDATE \" 6-Jan-1970 00:00:00 +0000\")\r\n");
        assertThat(ResponseEncoder.sectionOpen("BODY[]", 12, false, false).toString()).isEqualTo(" BODY[] {12}\r\n");
        assertThat(ResponseEncoder.sectionOpen("BINARY[1]<0>", 7, true, true).toString()).isEqualTo("BINARY[1]<0> ~{7}\r\n");
        assertThat(ResponseEncoder.fetchItems(List.of(new FetchItem.MissingSection("BODY[3]")), false).toString())
                .isEqualTo(" BODY[3] NIL");
    }
}
