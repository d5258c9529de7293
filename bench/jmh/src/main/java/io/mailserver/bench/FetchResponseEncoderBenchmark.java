package io.mailserver.bench;

import io.mailserver.imap.message.Address;
import io.mailserver.imap.message.BodyStructure;
import io.mailserver.imap.message.Disposition;
import io.mailserver.imap.message.Envelope;
import io.mailserver.imap.message.Parameter;
import io.mailserver.imap.reply.FetchItem;
import io.mailserver.imap.reply.FetchResponse;
import io.mailserver.imap.reply.ResponseEncoder;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One message of a client's message-list sync, {@code UID FETCH 1:* (UID FLAGS RFC822.SIZE
 * ENVELOPE BODYSTRUCTURE)}, sent by clients that build the list (sender, subject, attachment icon)
 * from the server's parsed structures rather than from downloaded headers: the server writes one
 * such response per message, so first opening a 10,000-message INBOX is 10,000 of these. The message is the everyday multipart/mixed: a multipart/alternative text and HTML body
 * and a PDF attachment, a reply with two recipients and a Cc. One operation is one response.
 * {@code fetchWriter} is the path FetchWriter takes (items, then the closing parenthesis once no
 * section follows); {@code fetchResponse} the one for responses the server sends whole (flag
 * changes after STORE, unsolicited updates).
 */
@State(Scope.Thread)
public class FetchResponseEncoderBenchmark extends ShortRun {

    private static final long SEQUENCE = 1234;

    private List<FetchItem> items;

    @Setup
    public void setUp() {
        items = List.of(
                new FetchItem.Uid(48_213),
                new FetchItem.Flags(List.of("\\Seen", "$NotJunk")),
                new FetchItem.Size(187_392),
                new FetchItem.EnvelopeItem(envelope()),
                new FetchItem.Structure(bodyStructure(), true));
        // an encoder that dropped an item would be measured as faster: check once
        String wire = ResponseEncoder.encode(new FetchResponse(SEQUENCE, items)).toString(StandardCharsets.UTF_8);
        if (!wire.startsWith("* 1234 FETCH (UID 48213 FLAGS (\\Seen $NotJunk) RFC822.SIZE 187392 ENVELOPE (")
                || !wire.contains(" BODYSTRUCTURE (((\"text\" \"plain\"") || !wire.endsWith(" NIL NIL))\r\n")) {
            throw new IllegalStateException("unexpected response: " + wire);
        }
    }

    @Benchmark
    public void fetchWriter(Blackhole bh) {
        bh.consume(ResponseEncoder.fetchOpen(SEQUENCE, items));
        bh.consume(ResponseEncoder.fetchClose());
    }

    @Benchmark
    public Buffer fetchResponse() {
        return ResponseEncoder.encode(new FetchResponse(SEQUENCE, items));
    }

    /** Header values as storage keeps them: raw, encoded words left as they came. */
    private static Envelope envelope() {
        Address alice = new Address("Alice Example", null, "alice", "example.org");
        return new Envelope(
                "Thu, 3 Dec 2026 10:14:05 +0100",
                "Re: =?UTF-8?Q?Q3_planning=3A_budget_draft_v2_=E2=80=94_comments?=",
                List.of(alice), List.of(), List.of(),
                List.of(new Address("Bob Example", null, "bob", "example.com"),
                        new Address(null, null, "team-planning", "lists.example.com")),
                List.of(new Address("Carol O'Neil", null, "carol.oneil", "example.net")),
                List.of(),
                "<20261202170312.9a8b7c@mua.example.com>",
                "<20261203091405.4f1c2a@mua.example.org>");
    }

    private static BodyStructure bodyStructure() {
        BodyStructure plain = part("text", "plain", List.of(new Parameter("charset", "utf-8"),
                new Parameter("format", "flowed")), "quoted-printable", 2_318, 48, null);
        BodyStructure html = part("text", "html", List.of(new Parameter("charset", "utf-8")), "quoted-printable",
                9_870, 151, null);
        BodyStructure alternative = multipart("alternative", "000000000000a1b2c3d4e5f6a7b8", List.of(plain, html));
        BodyStructure pdf = part("application", "pdf", List.of(new Parameter("name", "Q3-budget-draft-v2.pdf")),
                "base64", 172_604, 0, new Disposition("attachment",
                        List.of(new Parameter("filename", "Q3-budget-draft-v2.pdf"))));
        return multipart("mixed", "000000000000f6e5d4c3b2a19080", List.of(alternative, pdf));
    }

    private static BodyStructure part(String type, String subtype, List<Parameter> params, String encoding,
            long size, int lines, Disposition disposition) {
        return new BodyStructure(type, subtype, params, null, null, encoding, size, lines, Envelope.EMPTY, null,
                List.of(), null, disposition, List.of(), null);
    }

    private static BodyStructure multipart(String subtype, String boundary, List<BodyStructure> parts) {
        return new BodyStructure("multipart", subtype, List.of(new Parameter("boundary", boundary)), null, null, "",
                0, 0, Envelope.EMPTY, null, parts, null, null, List.of(), null);
    }
}
