package io.mailserver.imap.client;

import io.mailserver.contracts.storage.v1.BodySection;
import io.mailserver.contracts.storage.v1.FetchItems;
import io.mailserver.contracts.storage.v1.MessageAttributes;
import io.mailserver.contracts.storage.v1.Partial;
import io.mailserver.contracts.storage.v1.SectionChunk;
import io.mailserver.imap.command.FetchAttribute;
import io.mailserver.imap.command.SectionSpec;
import io.mailserver.imap.message.BodyStructure;
import io.mailserver.imap.message.Envelope;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/** FETCH between imap-service's records and storage's FetchMessages contract. */
final class FetchItemsContract {

    /** What a message without a computed structure shows: the encoder's defaults, TEXT/PLAIN 7BIT. */
    private static final BodyStructure NO_STRUCTURE = new BodyStructure("", "", List.of(), null, null, "", 0, 0,
            Envelope.EMPTY, null, List.of(), null, null, List.of(), null);

    private FetchItemsContract() {
    }

    static FetchItems of(WantedItems wanted) {
        FetchItems.Builder items = FetchItems.newBuilder()
                .setFlags(wanted.flags())
                .setInternalDate(wanted.internalDate())
                .setSize(wanted.size())
                .setEmailId(wanted.emailId())
                .setPreview(wanted.preview())
                .setEnvelope(wanted.envelope())
                .setBodyStructure(wanted.bodyStructure())
                .setModseq(wanted.modseq());
        for (FetchAttribute.SectionItem section : wanted.sections()) {
            items.addSections(section(section));
        }
        wanted.binarySizes().forEach(size -> items.addBinarySizes(size.part()));
        return items.build();
    }

    private static BodySection section(FetchAttribute.SectionItem item) {
        SectionSpec spec = item.section();
        BodySection.Builder section = BodySection.newBuilder()
                .setPart(spec.part())
                .setText(switch (spec.text()) {
                    case CONTENT -> BodySection.Text.CONTENT;
                    case HEADER -> BodySection.Text.HEADER;
                    case HEADER_FIELDS -> BodySection.Text.HEADER_FIELDS;
                    case HEADER_FIELDS_NOT -> BodySection.Text.HEADER_FIELDS_NOT;
                    case TEXT -> BodySection.Text.TEXT;
                    case MIME -> BodySection.Text.MIME;
                })
                .addAllHeaderFields(spec.fields())
                .setBinary(item.form() == FetchAttribute.Form.BINARY);
        if (item.partial()) {
            section.setPartial(Partial.newBuilder().setOffset(item.partialOffset()).setLength(item.partialLength()));
        }
        return section.build();
    }

    static FetchedAttributes attributes(MessageAttributes a) {
        long[] binarySizes = new long[a.getBinarySizesCount()];
        for (int i = 0; i < binarySizes.length; i++) {
            binarySizes[i] = a.getBinarySizes(i);
        }
        return new FetchedAttributes(a.getFlagsList(), a.getModseq(), a.getInternalDate().getEpochSeconds(),
                a.getInternalDate().getZoneOffsetMinutes(), a.getSize(),
                a.hasEnvelope() ? MessageStructures.envelope(a.getEnvelope()) : Envelope.EMPTY,
                a.hasBodyStructure() ? MessageStructures.body(a.getBodyStructure()) : NO_STRUCTURE,
                a.getEmailId(), a.hasPreview() ? a.getPreview() : null, binarySizes);
    }

    /** The chunk's octets are not copied: the buffer wraps the message's own bytes, read-only. */
    static SectionData chunk(SectionChunk chunk) {
        Buffer data = chunk.getData().isEmpty() ? Buffer.buffer()
                : Buffer.buffer(Unpooled.wrappedBuffer(chunk.getData().asReadOnlyByteBuffer()));
        return new SectionData(chunk.getSectionIndex(), chunk.getTotalSize(), data, chunk.getLast(),
                chunk.getLiteral8());
    }
}
