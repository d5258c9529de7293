package io.mailserver.imap.reply;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.contracts.storage.v1.Address;
import io.mailserver.contracts.storage.v1.BodyPart;
import io.mailserver.contracts.storage.v1.Disposition;
import io.mailserver.contracts.storage.v1.Envelope;
import io.mailserver.contracts.storage.v1.Parameter;
import io.mailserver.imap.client.MessageStructures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The encoder fed through the client's mapping, from the structures storage sends. */
class MessageStructureEncoderTest {

    private static io.vertx.core.buffer.Buffer bodyStructure(BodyPart part, boolean extensible) {
        return MessageStructureEncoder.bodyStructure(MessageStructures.body(part), extensible);
    }

    private static io.vertx.core.buffer.Buffer envelope(Envelope envelope) {
        return MessageStructureEncoder.envelope(MessageStructures.envelope(envelope));
    }

    private static Parameter param(String name, String value) {
        return Parameter.newBuilder().setName(name).setValue(value).build();
    }

    private static String text(io.vertx.core.buffer.Buffer buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static final BodyPart PLAIN = BodyPart.newBuilder().setType("text").setSubtype("plain")
            .addParams(param("charset", "us-ascii")).setEncoding("7bit").setSize(1234).setLines(20).build();

    @Test
    void singleTextPart() {
        assertThat(text(bodyStructure(PLAIN, false)))
                .isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 1234 20)");
        assertThat(text(bodyStructure(PLAIN, true)))
                .isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 1234 20 NIL NIL NIL NIL)");
    }

    @Test
    void defaultsForAnEmptyPart() {
        assertThat(text(bodyStructure(BodyPart.getDefaultInstance(), false)))
                .isEqualTo("(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 0 0)");
    }

    @Test
    void multipartWithExtensionData() {
        BodyPart html = BodyPart.newBuilder().setType("text").setSubtype("html").addParams(param("charset", "utf-8"))
                .setEncoding("base64").setSize(20).setLines(2)
                .setDisposition(Disposition.newBuilder().setType("inline")).addLanguage("en").build();
        BodyPart plain = BodyPart.newBuilder().setType("text").setSubtype("plain").addParams(param("charset", "utf-8"))
                .setEncoding("quoted-printable").setSize(10).setLines(1).build();
        BodyPart alternative = BodyPart.newBuilder().setType("multipart").setSubtype("alternative")
                .addParams(param("boundary", "xyz")).addParts(plain).addParts(html).build();
        assertThat(text(bodyStructure(alternative, true))).isEqualTo(
                "((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 10 1 NIL NIL NIL NIL)"
                        + "(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"base64\" 20 2 NIL (\"inline\" NIL) \"en\" NIL)"
                        + " \"alternative\" (\"boundary\" \"xyz\") NIL NIL NIL)");
        assertThat(text(bodyStructure(alternative, false))).isEqualTo(
                "((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 10 1)"
                        + "(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"base64\" 20 2) \"alternative\")");
    }

    @Test
    void attachedMessageAndAttachment() {
        Envelope inner = Envelope.newBuilder().setSubject("inner").build();
        BodyPart rfc822 = BodyPart.newBuilder().setType("message").setSubtype("rfc822").setEncoding("7bit").setSize(300)
                .setLines(12).setEnvelope(inner).setMessageBody(PLAIN).setId("<part@x>").setDescription("forwarded")
                .build();
        BodyPart pdf = BodyPart.newBuilder().setType("application").setSubtype("pdf").setEncoding("base64").setSize(999)
                .setMd5("abc=").setDisposition(Disposition.newBuilder().setType("attachment")
                        .addParams(param("filename", "Grüße.pdf")))
                .addLanguage("de").addLanguage("en").setLocation("http://x/y").build();
        BodyPart mixed = BodyPart.newBuilder().setType("MULTIPART").setSubtype("MIXED").addParts(rfc822).addParts(pdf)
                .build();
        int nameLength = "Grüße.pdf".getBytes(StandardCharsets.UTF_8).length;
        assertThat(text(bodyStructure(mixed, true))).isEqualTo(
                "((\"message\" \"rfc822\" NIL \"<part@x>\" \"forwarded\" \"7bit\" 300 "
                        + "(NIL \"inner\" NIL NIL NIL NIL NIL NIL NIL NIL) "
                        + "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 1234 20 NIL NIL NIL NIL) 12 "
                        + "NIL NIL NIL NIL)"
                        + "(\"application\" \"pdf\" NIL NIL NIL \"base64\" 999 \"abc=\" "
                        + "(\"attachment\" (\"filename\" {" + nameLength + "}\r\nGrüße.pdf)) (\"de\" \"en\") \"http://x/y\")"
                        + " \"MIXED\" NIL NIL NIL NIL)");
    }

    @Test
    void envelopeNilQuotingLiteralsAndDefaults() {
        Address joe = Address.newBuilder().setName("Joe \"the\" \\Q").setMailbox("joe").setHost("example.org").build();
        Envelope envelope = Envelope.newBuilder()
                .setDate("Mon, 7 Feb 1994 21:52:25 -0800")
                .setSubject("Grüße\r\n folded")
                .addFrom(joe)
                .addTo(Address.newBuilder().setMailbox("undisclosed-recipients").build())
                .addTo(Address.getDefaultInstance())
                .addBcc(Address.newBuilder().setMailbox("bcc").setHost("h").setAdl("@relay").build())
                .setMessageId("<id@x>")
                .build();
        String subject = "Grüße\r\n folded";
        int subjectLength = subject.getBytes(StandardCharsets.UTF_8).length;
        String from = "((\"Joe \\\"the\\\" \\\\Q\" NIL \"joe\" \"example.org\"))";
        assertThat(text(envelope(envelope))).isEqualTo(
                "(\"Mon, 7 Feb 1994 21:52:25 -0800\" {" + subjectLength + "}\r\n" + subject + " "
                        + from + " " + from + " " + from + " "
                        + "((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) NIL "
                        + "((NIL \"@relay\" \"bcc\" \"h\")) NIL \"<id@x>\")");
        assertThat(text(envelope(Envelope.getDefaultInstance())))
                .isEqualTo("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
        Envelope empty = Envelope.newBuilder().setSubject("").build();
        assertThat(text(envelope(empty))).startsWith("(NIL \"\" NIL");
    }
}
