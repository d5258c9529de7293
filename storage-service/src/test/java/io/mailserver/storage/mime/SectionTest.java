package io.mailserver.storage.mime;

import static io.mailserver.storage.support.SampleMessages.crlf;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.contracts.storage.v1.BodyPart;
import io.mailserver.contracts.storage.v1.BodySection;
import io.mailserver.contracts.storage.v1.Partial;
import io.mailserver.storage.support.SampleMessages;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Part paths and section texts of RFC 9051 §6.4.5, cut with the stored offsets. */
class SectionTest {

    private static final MessageParser PARSER = new MessageParser(new MessageParser.Limits(32, 5000, 10_000, 10_000));

    private static String cut(byte[] raw, BodyPart root, String part, BodySection.Text text, String... fields) {
        BodySection section = BodySection.newBuilder().setPart(part).setText(text)
                .addAllHeaderFields(Arrays.asList(fields)).build();
        Section.Slice slice = Section.fromMessage(section, root, raw);
        return new String(slice.bytes(), slice.from(), slice.length(), StandardCharsets.UTF_8);
    }

    @Test
    void aSinglePartMessageHasPartOneAsItsBody() {
        byte[] raw = crlf("Subject: s\nContent-Type: text/plain\n\nbody\n");
        BodyPart root = PARSER.parse(raw).bodyStructure();

        assertThat(cut(raw, root, "1", BodySection.Text.CONTENT)).isEqualTo("body\r\n");
        assertThat(cut(raw, root, "1", BodySection.Text.MIME)).isEqualTo("Subject: s\r\nContent-Type: text/plain\r\n\r\n");
        assertThat(cut(raw, root, "2", BodySection.Text.CONTENT)).isEmpty();
        assertThat(cut(raw, root, "1.1", BodySection.Text.CONTENT)).isEmpty();
        assertThat(cut(raw, root, "x", BodySection.Text.CONTENT)).isEmpty();
        assertThat(cut(raw, root, "", BodySection.Text.MIME)).isEmpty();
    }

    @Test
    void messageRfc822PartsDescendIntoTheEncapsulatedMessage() {
        byte[] raw = SampleMessages.complex("<id@example.com>");
        BodyPart root = PARSER.parse(raw).bodyStructure();

        assertThat(cut(raw, root, "3.1", BodySection.Text.CONTENT)).isEqualTo("Inner body line 1\r\nInner body line 2");
        assertThat(cut(raw, root, "3", BodySection.Text.HEADER_FIELDS, "subject"))
                .isEqualTo("Subject: Forwarded\r\n\r\n");
        assertThat(cut(raw, root, "3", BodySection.Text.MIME)).isEqualTo("Content-Type: message/rfc822\r\n\r\n");
        assertThat(cut(raw, root, "1", BodySection.Text.HEADER)).isEmpty();
        assertThat(cut(raw, root, "1.1", BodySection.Text.CONTENT)).isEqualTo("Hello Bob, the caf=C3=A9 opens at nine.");
    }

    @Test
    void headerFieldsWithNoMatchAreJustTheEmptyLine() {
        byte[] raw = crlf("Subject: s\n\nbody");
        BodyPart root = PARSER.parse(raw).bodyStructure();

        assertThat(cut(raw, root, "", BodySection.Text.HEADER_FIELDS, "X-None")).isEqualTo("\r\n");
    }

    @Test
    void partialAppliesAfterTheSectionIsCut() {
        Section.Slice slice = new Section.Slice("0123456789".getBytes(StandardCharsets.US_ASCII), 2, 8);

        assertThat(slice.partial(1, 3).length()).isEqualTo(3);
        assertThat(slice.partial(1, 3).from()).isEqualTo(3);
        assertThat(slice.partial(4, 100).length()).isEqualTo(2);
        assertThat(slice.partial(6, 1).length()).isZero();
        assertThat(slice.partial(0, -1).length()).isEqualTo(6);
        assertThat(BodySection.newBuilder().setPartial(Partial.newBuilder().setOffset(1)).build().hasPartial()).isTrue();
    }
}
