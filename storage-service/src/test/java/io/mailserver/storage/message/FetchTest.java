package io.mailserver.storage.message;

import static io.mailserver.storage.support.StorageTestClient.inbox;
import static io.mailserver.storage.support.StorageTestClient.newAccountId;
import static io.mailserver.storage.support.StorageTestClient.sections;
import static io.mailserver.storage.support.StorageTestClient.uids;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.contracts.storage.v1.Address;
import io.mailserver.contracts.storage.v1.BodyPart;
import io.mailserver.contracts.storage.v1.BodySection;
import io.mailserver.contracts.storage.v1.DeliveryService;
import io.mailserver.contracts.storage.v1.Envelope;
import io.mailserver.contracts.storage.v1.FetchItems;
import io.mailserver.contracts.storage.v1.FetchRequest;
import io.mailserver.contracts.storage.v1.FetchResponse;
import io.mailserver.contracts.storage.v1.ListMailboxesRequest;
import io.mailserver.contracts.storage.v1.MailboxServiceGrpc;
import io.mailserver.contracts.storage.v1.MessageService;
import io.mailserver.contracts.storage.v1.Parameter;
import io.mailserver.contracts.storage.v1.Partial;
import io.mailserver.contracts.storage.v1.SelectMailboxRequest;
import io.mailserver.storage.support.SampleMessages;
import io.mailserver.storage.support.StorageTestClient;
import io.mailserver.testkit.quarkus.GrpcServerResource;
import io.mailserver.testkit.quarkus.KafkaResource;
import io.mailserver.testkit.quarkus.PostgresResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deliver, then SELECT and FETCH: raw bytes, ENVELOPE, BODYSTRUCTURE and sections as IMAP asks for them. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class FetchTest {

    @GrpcClient("storage")
    DeliveryService delivery;

    @GrpcClient("storage")
    MessageService messages;

    @GrpcClient("storage")
    MailboxServiceGrpc.MailboxServiceBlockingStub mailboxes;

    @Inject
    Pool pool;

    StorageTestClient client;

    @BeforeEach
    void setUp() {
        client = new StorageTestClient(delivery, messages, pool);
    }

    private static BodySection section(String part, BodySection.Text text, String... fields) {
        return BodySection.newBuilder().setPart(part).setText(text).addAllHeaderFields(List.of(fields)).build();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void selectAndListSeeTheDeliveredMessage() {
        long a = newAccountId();
        client.deliver(SampleMessages.plain("hello", "world"), a);

        var list = mailboxes.listMailboxes(ListMailboxesRequest.newBuilder().setAccountId(a).build());
        var snapshot = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(inbox(a)).build());

        assertThat(list.getDelimiter()).isEqualTo("/");
        assertThat(list.getMailboxesList()).filteredOn(m -> m.getName().equals("INBOX")).singleElement()
                .satisfies(m -> assertThat(m.getMessageCount()).isEqualTo(1));
        assertThat(snapshot.getMailbox().getMessageCount()).isEqualTo(1);
        assertThat(snapshot.getUids().getRanges(0).getFirst()).isEqualTo(1);
        assertThat(snapshot.getFirstUnseenUid()).isEqualTo(1);
    }

    @Test
    void theWholeMessageComesBackByteForByte() {
        long a = newAccountId();
        byte[] raw = SampleMessages.complex(SampleMessages.uniqueId());
        client.deliver(raw, a);

        List<FetchResponse> responses = client.fetch(FetchRequest.newBuilder().setMailbox(inbox(a)).setUids(uids(1, 1))
                .setItems(FetchItems.newBuilder().setFlags(true).setSize(true).setInternalDate(true).setModseq(true)
                        .addSections(section("", BodySection.Text.CONTENT)))
                .build());

        assertThat(responses.get(0).hasAttributes()).isTrue();
        assertThat(responses.get(0).getUid()).isEqualTo(1);
        assertThat(responses.get(0).getAttributes().getSize()).isEqualTo(raw.length);
        assertThat(responses.get(0).getAttributes().getFlagsList()).isEmpty();
        assertThat(responses.get(0).getAttributes().getModseq()).isPositive();
        assertThat(responses.get(0).getAttributes().getInternalDate().getEpochSeconds()).isPositive();
        assertThat(sections(responses).get(1).get(0)).isEqualTo(raw);
    }

    @Test
    void envelopeAndBodyStructureDescribeTheMessage() {
        long a = newAccountId();
        String messageId = SampleMessages.uniqueId();
        byte[] raw = SampleMessages.complex(messageId);
        client.deliver(raw, a);

        var attributes = client.fetch(FetchRequest.newBuilder().setMailbox(inbox(a)).setUids(uids(1, 1))
                .setItems(FetchItems.newBuilder().setEnvelope(true).setBodyStructure(true)).build())
                .get(0).getAttributes();

        Envelope envelope = attributes.getEnvelope();
        assertThat(envelope.getSubject()).isEqualTo("=?utf-8?q?Caf=C3=A9?= plans");
        assertThat(envelope.getDate()).isEqualTo("Tue, 3 Mar 2026 10:15:00 +0100");
        assertThat(envelope.getMessageId()).isEqualTo(messageId);
        assertThat(envelope.hasInReplyTo()).isFalse();
        Address alice = Address.newBuilder().setName("Alice Example").setMailbox("alice").setHost("example.com").build();
        assertThat(envelope.getFromList()).containsExactly(alice);
        assertThat(envelope.getSenderList()).containsExactly(alice);
        assertThat(envelope.getReplyToList()).containsExactly(alice);
        assertThat(envelope.getToList()).extracting(Address::getName).containsExactly("Bob", "Carol, C.");
        assertThat(envelope.getCcList()).containsExactly(
                Address.newBuilder().setMailbox("undisclosed-recipients").build(), Address.getDefaultInstance());
        assertThat(envelope.getBccList()).isEmpty();

        BodyPart root = attributes.getBodyStructure();
        assertThat(root.getType()).isEqualToIgnoringCase("multipart");
        assertThat(root.getSubtype()).isEqualToIgnoringCase("mixed");
        assertThat(root.getParamsList()).contains(Parameter.newBuilder().setName("boundary").setValue("outer").build());
        assertThat(root.getPartsCount()).isEqualTo(3);

        BodyPart alternative = root.getParts(0);
        assertThat(alternative.getSubtype()).isEqualTo("alternative");
        BodyPart plain = alternative.getParts(0);
        assertThat(plain.getType() + "/" + plain.getSubtype()).isEqualTo("text/plain");
        assertThat(plain.getEncoding()).isEqualTo("quoted-printable");
        assertThat(plain.getParamsList()).containsExactly(Parameter.newBuilder().setName("charset").setValue("utf-8").build());
        assertThat(plain.getLines()).isEqualTo(1);
        assertThat(plain.getSize()).isEqualTo("Hello Bob, the caf=C3=A9 opens at nine.".length());
        assertThat(text(Arrays.copyOfRange(raw, (int) plain.getBodyOffset(), (int) plain.getEndOffset())))
                .isEqualTo("Hello Bob, the caf=C3=A9 opens at nine.");

        BodyPart pdf = root.getParts(1);
        assertThat(pdf.getType() + "/" + pdf.getSubtype()).isEqualTo("application/pdf");
        assertThat(pdf.getEncoding()).isEqualTo("base64");
        assertThat(pdf.getId()).isEqualTo("<pdf@example.com>");
        assertThat(pdf.getDisposition().getType()).isEqualTo("attachment");
        assertThat(pdf.getDisposition().getParamsList())
                .containsExactly(Parameter.newBuilder().setName("filename*").setValue("utf-8''pl%C3%A4n.pdf").build());
        assertThat(pdf.getLines()).isZero();

        BodyPart forwarded = root.getParts(2);
        assertThat(forwarded.getType() + "/" + forwarded.getSubtype()).isEqualTo("message/rfc822");
        assertThat(forwarded.getEnvelope().getSubject()).isEqualTo("Forwarded");
        assertThat(forwarded.getEnvelope().getFrom(0).getMailbox()).isEqualTo("dave");
        assertThat(forwarded.getMessageBody().getType()).isEqualTo("text");
        assertThat(forwarded.getMessageBody().getParamsList())
                .containsExactly(Parameter.newBuilder().setName("charset").setValue("us-ascii").build());
        assertThat(forwarded.getMessageBody().getEncoding()).isEqualTo("7BIT");
        assertThat(forwarded.getMessageBody().getLines()).isEqualTo(2);
        assertThat(forwarded.getLines()).isEqualTo(6);
    }

    @Test
    void sectionsAreCutAsImapDefinesThem() {
        long a = newAccountId();
        byte[] raw = SampleMessages.complex(SampleMessages.uniqueId());
        client.deliver(raw, a);
        String message = text(raw);
        int bodyStart = message.indexOf("\r\n\r\n") + 4;

        List<BodySection> asked = List.of(
                section("1.2", BodySection.Text.CONTENT),
                section("", BodySection.Text.HEADER_FIELDS, "SUBJECT", "from", "X-Folded"),
                section("", BodySection.Text.TEXT),
                section("1.1", BodySection.Text.MIME),
                section("3", BodySection.Text.HEADER),
                section("3", BodySection.Text.TEXT),
                section("3.1", BodySection.Text.CONTENT),
                section("", BodySection.Text.HEADER_FIELDS_NOT, "Subject", "From", "To", "Cc", "Date", "Message-ID",
                        "MIME-Version", "Content-Type"),
                section("", BodySection.Text.HEADER),
                section("9", BodySection.Text.CONTENT),
                section("", BodySection.Text.CONTENT).toBuilder().setPartial(Partial.newBuilder().setOffset(6).setLength(5)).build(),
                section("1.2", BodySection.Text.CONTENT).toBuilder().setPartial(Partial.newBuilder().setOffset(1000).setLength(5)).build(),
                section("2", BodySection.Text.CONTENT));
        List<FetchResponse> responses = client.fetch(FetchRequest.newBuilder().setMailbox(inbox(a)).setUids(uids(1, 1))
                .setItems(FetchItems.newBuilder().addAllSections(asked)).build());
        Map<Integer, byte[]> got = sections(responses).get(1);

        assertThat(text(got.get(0))).isEqualTo("<p>Hello <b>Bob</b>, the zebra opens at nine.</p>");
        assertThat(text(got.get(1))).isEqualTo("From: \"Alice Example\" <alice@example.com>\r\n"
                + "Subject: =?utf-8?q?Caf=C3=A9?= plans\r\n"
                + "X-Folded: first line\r\n  continued\r\n\r\n");
        assertThat(text(got.get(2))).isEqualTo(message.substring(bodyStart));
        assertThat(text(got.get(3))).isEqualTo("Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
        assertThat(text(got.get(4))).isEqualTo("From: Dave <dave@example.com>\r\nSubject: Forwarded\r\n"
                + "Date: Mon, 2 Mar 2026 08:00:00 +0000\r\n\r\n");
        assertThat(text(got.get(5))).isEqualTo("Inner body line 1\r\nInner body line 2");
        assertThat(text(got.get(6))).isEqualTo("Inner body line 1\r\nInner body line 2");
        assertThat(text(got.get(7))).isEqualTo("X-Folded: first line\r\n  continued\r\n\r\n");
        assertThat(text(got.get(8))).isEqualTo(message.substring(0, bodyStart));
        assertThat(got.get(9)).isEmpty();
        assertThat(text(got.get(10))).isEqualTo(message.substring(6, 11));
        assertThat(got.get(11)).isEmpty();
        assertThat(text(got.get(12))).isEqualTo("JVBERi0xLjQKJcfsj6IK");
        // every section ends with a last chunk; an empty one is exactly one chunk
        assertThat(responses.stream().filter(r -> r.hasChunk() && r.getChunk().getSectionIndex() == 9))
                .singleElement().satisfies(r -> {
                    assertThat(r.getChunk().getLast()).isTrue();
                    assertThat(r.getChunk().getTotalSize()).isZero();
                });
    }

    @Test
    void binarySectionsAndSizesAreTheDecodedContent() {
        long a = newAccountId();
        byte[] raw = SampleMessages.complex(SampleMessages.uniqueId());
        client.deliver(raw, a);
        byte[] pdf = {'%', 'P', 'D', 'F', '-', '1', '.', '4', '\n', '%', (byte) 0xc7, (byte) 0xec, (byte) 0x8f, (byte) 0xa2, '\n'};

        List<BodySection> asked = List.of(
                binary("2"),
                binary("1.1"),
                binary("2").toBuilder().setPartial(Partial.newBuilder().setOffset(9).setLength(100)).build(),
                binary(""),
                binary("3"),
                binary("7"));
        List<FetchResponse> responses = client.fetch(FetchRequest.newBuilder().setMailbox(inbox(a)).setUids(uids(1, 1))
                .setItems(FetchItems.newBuilder().addAllSections(asked).addAllBinarySizes(List.of("2", "1.1", "", "1.2")))
                .build());
        Map<Integer, byte[]> got = sections(responses).get(1);

        assertThat(got.get(0)).isEqualTo(pdf);
        assertThat(text(got.get(1))).isEqualTo("Hello Bob, the caf\u00e9 opens at nine.");
        assertThat(got.get(2)).isEqualTo(Arrays.copyOfRange(pdf, 9, pdf.length));
        assertThat(got.get(3)).isEqualTo(raw);
        assertThat(text(got.get(4))).startsWith("From: Dave <dave@example.com>\r\n").endsWith("Inner body line 2");
        assertThat(got.get(5)).isEmpty();
        assertThat(responses.get(0).getAttributes().getBinarySizesList()).containsExactly((long) pdf.length,
                (long) "Hello Bob, the caf\u00e9 opens at nine.".getBytes(StandardCharsets.UTF_8).length,
                (long) raw.length, (long) "<p>Hello <b>Bob</b>, the zebra opens at nine.</p>".length());
        // no NUL anywhere, so no section needs a literal8
        assertThat(responses).filteredOn(FetchResponse::hasChunk).noneMatch(r -> r.getChunk().getLiteral8());
    }

    @Test
    void aLargeEncodedPartDecodesExactlyAcrossChunksAndSaysItHoldsNul() {
        long a = newAccountId();
        byte[] content = new byte[200 * 1024];
        new java.util.Random(7).nextBytes(content);
        content[5] = 0;
        String base64 = java.util.Base64.getMimeEncoder().encodeToString(content);
        byte[] raw = ("From: a@example.com\r\nSubject: big\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + base64 + "\r\n").getBytes(StandardCharsets.US_ASCII);
        client.deliver(raw, a);

        List<FetchResponse> responses = client.fetch(FetchRequest.newBuilder().setMailbox(inbox(a)).setUids(uids(1, 1))
                .setItems(FetchItems.newBuilder()
                        .addSections(binary("1"))
                        .addSections(binary("1").toBuilder().setPartial(Partial.newBuilder().setOffset(70_000).setLength(90_000)))
                        .addBinarySizes("1"))
                .build());
        Map<Integer, byte[]> got = sections(responses).get(1);

        assertThat(got.get(0)).isEqualTo(content);
        assertThat(got.get(1)).isEqualTo(Arrays.copyOfRange(content, 70_000, 160_000));
        assertThat(responses.get(0).getAttributes().getBinarySizes(0)).isEqualTo(content.length);
        assertThat(responses.stream().filter(r -> r.hasChunk() && r.getChunk().getTotalSize() > 0))
                .hasSize(2).allMatch(r -> r.getChunk().getLiteral8());
    }

    @Test
    void anEncodingStorageCannotDecodeFailsTheFetch() {
        long a = newAccountId();
        client.deliver(("From: a@example.com\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 x\r\nend\r\n").getBytes(StandardCharsets.US_ASCII), a);

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> client.fetch(FetchRequest.newBuilder()
                        .setMailbox(inbox(a)).setUids(uids(1, 1))
                        .setItems(FetchItems.newBuilder().addBinarySizes("1")).build())))
                .isInstanceOf(io.grpc.StatusRuntimeException.class)
                .hasMessageContaining("FAILED_PRECONDITION")
                .hasMessageContaining("unknown content-transfer-encoding: x-uuencode");
    }

    private static BodySection binary(String part) {
        return BodySection.newBuilder().setPart(part).setBinary(true).build();
    }

    @Test
    void aLargeMessageStreamsInChunksAndReassemblesExactly() {
        long a = newAccountId();
        byte[] raw = SampleMessages.large(300 * 1024);
        client.deliver(raw, a);
        client.deliver(SampleMessages.plain("second", "small"), a);

        List<FetchResponse> responses = client.fetch(FetchRequest.newBuilder().setMailbox(inbox(a)).setUids(uids(1, 2))
                .setItems(FetchItems.newBuilder().setSize(true).addSections(section("", BodySection.Text.CONTENT))).build());

        List<FetchResponse> chunksOfFirst = responses.stream().filter(r -> r.getUid() == 1 && r.hasChunk()).toList();
        assertThat(chunksOfFirst).hasSizeGreaterThan(4);
        assertThat(chunksOfFirst.get(0).getChunk().getTotalSize()).isEqualTo(raw.length);
        assertThat(chunksOfFirst.subList(0, chunksOfFirst.size() - 1)).noneMatch(r -> r.getChunk().getLast());
        assertThat(chunksOfFirst.get(chunksOfFirst.size() - 1).getChunk().getLast()).isTrue();
        assertThat(sections(responses).get(1).get(0)).isEqualTo(raw);
        // ascending UIDs, attributes first for each
        assertThat(responses.get(0).hasAttributes()).isTrue();
        int firstOfSecond = responses.indexOf(responses.stream().filter(r -> r.getUid() == 2).findFirst().orElseThrow());
        assertThat(responses.get(firstOfSecond).hasAttributes()).isTrue();
        assertThat(responses.subList(firstOfSecond, responses.size())).allMatch(r -> r.getUid() == 2);
    }

    @Test
    void aFetchWithoutPeekSetsSeenAndReportsIt() {
        long a = newAccountId();
        client.deliver(SampleMessages.plain("unseen", "body"), a);
        long before = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(inbox(a)).build())
                .getMailbox().getHighestModseq();

        var attributes = client.fetch(FetchRequest.newBuilder().setMailbox(inbox(a)).setUids(uids(1, 1)).setMarkSeen(true)
                .setItems(FetchItems.newBuilder().setFlags(true).setModseq(true)
                        .addSections(section("", BodySection.Text.TEXT))).build()).get(0).getAttributes();

        assertThat(attributes.getFlagsList()).containsExactly("\\Seen");
        assertThat(attributes.getModseq()).isEqualTo(before + 1);
        var after = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(inbox(a)).build());
        assertThat(after.getMailbox().getUnseenCount()).isZero();
        assertThat(after.getFirstUnseenUid()).isZero();
    }

    @Test
    void changedSinceFiltersOnModseq() {
        long a = newAccountId();
        client.deliver(SampleMessages.plain("one", "body"), a);
        long modseq = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(inbox(a)).build())
                .getMailbox().getHighestModseq();
        client.deliver(SampleMessages.plain("two", "body"), a);

        List<FetchResponse> responses = client.fetch(FetchRequest.newBuilder().setMailbox(inbox(a))
                .setUids(StorageTestClient.all()).setChangedSince(modseq)
                .setItems(FetchItems.newBuilder().setModseq(true)).build());

        assertThat(responses).extracting(FetchResponse::getUid).containsExactly(2);
    }

    /**
     * A body of several compression frames streams whole and in ranges that start and end inside and
     * across frames, as does one stored as a single frame (before frames existed): every range is the
     * same bytes as a cut of the raw message.
     */
    @Test
    void largeBodiesStreamWholeAndInRangesAcrossFrames() throws Exception {
        long a = newAccountId();
        StringBuilder body = new StringBuilder();
        java.util.Random random = new java.util.Random(3);
        while (body.length() < 3_300_000) {
            body.append("line ").append(random.nextInt(1_000_000)).append(" of a long message\r\n");
        }
        byte[] raw = SampleMessages.plain("large", body.toString());
        client.deliver(raw, a);
        assertRangesMatch(a, raw);

        // The same body as it was stored before frames: one zstd frame, no frame offsets.
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(raw);
        io.airlift.compress.zstd.ZstdCompressor compressor = new io.airlift.compress.zstd.ZstdCompressor();
        byte[] out = new byte[compressor.maxCompressedLength(raw.length)];
        int length = compressor.compress(raw, 0, raw.length, out, 0, out.length);
        client.query("UPDATE storage.blobs SET content = $2, stored_size = $3, frame_offsets = NULL WHERE sha256 = $1",
                io.vertx.core.buffer.Buffer.buffer(sha), io.vertx.core.buffer.Buffer.buffer(Arrays.copyOf(out, length)), (long) length);
        assertRangesMatch(a, raw);
    }

    private void assertRangesMatch(long account, byte[] raw) {
        long frame = io.mailserver.storage.blob.Compression.FRAME_SIZE;
        long[][] ranges = {{0, raw.length}, {10, 100}, {frame - 7, 14}, {frame + 5, 2 * frame}, {2 * frame - 1, 2},
                {raw.length - 3, 100}, {raw.length + 5, 10}};
        FetchItems.Builder items = FetchItems.newBuilder().addSections(section("", BodySection.Text.CONTENT));
        for (long[] range : ranges) {
            items.addSections(section("", BodySection.Text.CONTENT).toBuilder()
                    .setPartial(Partial.newBuilder().setOffset(range[0]).setLength(range[1])));
        }
        items.addSections(section("1", BodySection.Text.CONTENT));
        Map<Integer, byte[]> got = sections(client.fetch(FetchRequest.newBuilder().setMailbox(inbox(account))
                .setUids(uids(1, 1)).setItems(items).build())).get(1);
        assertThat(got.get(0)).isEqualTo(raw);
        for (int i = 0; i < ranges.length; i++) {
            int from = (int) Math.min(raw.length, ranges[i][0]);
            int to = (int) Math.min(raw.length, ranges[i][0] + ranges[i][1]);
            assertThat(got.get(i + 1)).as("range %d", i).isEqualTo(Arrays.copyOfRange(raw, from, Math.max(from, to)));
        }
        int bodyStart = new String(raw, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
        assertThat(got.get(ranges.length + 1)).isEqualTo(Arrays.copyOfRange(raw, bodyStart, raw.length));
    }
}
