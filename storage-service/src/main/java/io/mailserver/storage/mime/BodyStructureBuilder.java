package io.mailserver.storage.mime;

import io.mailserver.contracts.storage.v1.BodyPart;
import io.mailserver.contracts.storage.v1.Disposition;
import io.mailserver.contracts.storage.v1.Parameter;
import java.util.List;

/**
 * RFC 9051 §7.5.2 BODYSTRUCTURE from the walked entity tree, with the offsets that let any section be
 * cut from the raw message later without parsing again. Defaults: text/plain; charset=us-ascii,
 * encoding 7BIT.
 */
public final class BodyStructureBuilder {

    private BodyStructureBuilder() {
    }

    public static BodyPart build(MimePart part, byte[] raw) {
        ContentType type = part.contentType();
        HeaderBlock header = part.header();
        BodyPart.Builder b = BodyPart.newBuilder()
                .setType(type.type())
                .setSubtype(type.subtype())
                .setHeaderOffset(part.headerOffset())
                .setBodyOffset(part.bodyOffset())
                .setEndOffset(part.endOffset())
                .setSize(part.bodySize());
        for (MimeParameter p : type.parameters()) {
            b.addParams(Parameter.newBuilder().setName(p.name()).setValue(p.value()));
        }
        if (type.isText() && type.parameter("charset").isEmpty()) {
            b.addParams(Parameter.newBuilder().setName("charset").setValue("us-ascii"));
        }
        if (type.isMultipart()) {
            for (MimePart child : part.children()) {
                b.addParts(build(child, raw));
            }
        } else {
            header.value("Content-ID").ifPresent(b::setId);
            header.value("Content-Description").ifPresent(b::setDescription);
            b.setEncoding(header.value("Content-Transfer-Encoding").filter(v -> !v.isEmpty()).orElse("7BIT"));
            header.value("Content-MD5").ifPresent(b::setMd5);
            if (type.isText() || part.message() != null) {
                b.setLines(lines(raw, part.bodyOffset(), part.endOffset()));
            }
            if (part.message() != null) {
                b.setEnvelope(EnvelopeBuilder.build(part.message().header()));
                b.setMessageBody(build(part.message(), raw));
            }
        }
        header.value("Content-Disposition").ifPresent(value -> {
            MimeParameters.Structured d = MimeParameters.parse("Content-Disposition", value);
            if (!d.value().isEmpty()) {
                Disposition.Builder disposition = Disposition.newBuilder().setType(d.value());
                for (MimeParameter p : d.parameters()) {
                    disposition.addParams(Parameter.newBuilder().setName(p.name()).setValue(p.value()));
                }
                b.setDisposition(disposition);
            }
        });
        header.value("Content-Language").ifPresent(value -> {
            for (String tag : value.split(",")) {
                String t = tag.strip();
                if (!t.isEmpty()) {
                    b.addLanguage(t);
                }
            }
        });
        header.value("Content-Location").ifPresent(b::setLocation);
        return b.build();
    }

    /** Lines of a body: its line breaks, plus one for a last line without a break. */
    static int lines(byte[] raw, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (raw[i] == '\n') {
                lines++;
            }
        }
        if (to > from && raw[to - 1] != '\n') {
            lines++;
        }
        return lines;
    }

    /** A text/plain body spanning the whole message: the fallback when nothing else can be made of it. */
    public static BodyPart plainText(int headerLength, int size) {
        return BodyPart.newBuilder()
                .setType("text").setSubtype("plain")
                .addAllParams(List.of(Parameter.newBuilder().setName("charset").setValue("us-ascii").build()))
                .setEncoding("7BIT")
                .setHeaderOffset(0).setBodyOffset(headerLength).setEndOffset(size)
                .setSize(size - headerLength)
                .build();
    }
}
