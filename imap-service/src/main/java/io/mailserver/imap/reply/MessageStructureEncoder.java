package io.mailserver.imap.reply;

import io.mailserver.contracts.storage.v1.Address;
import io.mailserver.contracts.storage.v1.BodyPart;
import io.mailserver.contracts.storage.v1.Envelope;
import io.mailserver.contracts.storage.v1.Parameter;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * ENVELOPE and BODYSTRUCTURE/BODY exactly as RFC 9051 §7.5.2 defines them, from the structures
 * storage-service computed at delivery. Pure functions.
 */
public final class MessageStructureEncoder {

    private static final BodyPart EMPTY_TEXT = BodyPart.newBuilder().setType("TEXT").setSubtype("PLAIN")
            .setEncoding("7BIT").build();

    private MessageStructureEncoder() {
    }

    public static Buffer envelope(Envelope envelope) {
        Buffer out = Buffer.buffer(256);
        envelope(out, envelope);
        return out;
    }

    public static Buffer bodyStructure(BodyPart body, boolean extensible) {
        Buffer out = Buffer.buffer(256);
        body(out, body, extensible);
        return out;
    }

    /**
     * {@code envelope}. An absent or empty Sender or Reply-To is given the From value, as
     * RFC 9051 §7.5.2 requires of the server.
     */
    public static void envelope(Buffer out, Envelope e) {
        out.appendByte((byte) '(');
        ImapString.nstring(out, e.hasDate() ? e.getDate() : null);
        out.appendByte((byte) ' ');
        ImapString.nstring(out, e.hasSubject() ? e.getSubject() : null);
        out.appendByte((byte) ' ');
        addresses(out, e.getFromList());
        out.appendByte((byte) ' ');
        addresses(out, e.getSenderCount() > 0 ? e.getSenderList() : e.getFromList());
        out.appendByte((byte) ' ');
        addresses(out, e.getReplyToCount() > 0 ? e.getReplyToList() : e.getFromList());
        out.appendByte((byte) ' ');
        addresses(out, e.getToList());
        out.appendByte((byte) ' ');
        addresses(out, e.getCcList());
        out.appendByte((byte) ' ');
        addresses(out, e.getBccList());
        out.appendByte((byte) ' ');
        ImapString.nstring(out, e.hasInReplyTo() ? e.getInReplyTo() : null);
        out.appendByte((byte) ' ');
        ImapString.nstring(out, e.hasMessageId() ? e.getMessageId() : null);
        out.appendByte((byte) ')');
    }

    private static void addresses(Buffer out, List<Address> addresses) {
        if (addresses.isEmpty()) {
            out.appendString("NIL");
            return;
        }
        out.appendByte((byte) '(');
        for (Address a : addresses) {
            out.appendByte((byte) '(');
            ImapString.nstring(out, a.hasName() ? a.getName() : null);
            out.appendByte((byte) ' ');
            ImapString.nstring(out, a.hasAdl() ? a.getAdl() : null);
            out.appendByte((byte) ' ');
            ImapString.nstring(out, a.hasMailbox() ? a.getMailbox() : null);
            out.appendByte((byte) ' ');
            ImapString.nstring(out, a.hasHost() ? a.getHost() : null);
            out.appendByte((byte) ')');
        }
        out.appendByte((byte) ')');
    }

    /** {@code body}: multipart or single part; extension data only for BODYSTRUCTURE. */
    public static void body(Buffer out, BodyPart part, boolean extensible) {
        String type = part.getType().isEmpty() ? "TEXT" : part.getType();
        if (type.equalsIgnoreCase("MULTIPART") && part.getPartsCount() > 0) {
            out.appendByte((byte) '(');
            for (BodyPart child : part.getPartsList()) {
                body(out, child, extensible);
            }
            out.appendByte((byte) ' ');
            ImapString.string(out, part.getSubtype().isEmpty() ? "MIXED" : part.getSubtype());
            if (extensible) {
                out.appendByte((byte) ' ');
                parameters(out, part.getParamsList());
                out.appendByte((byte) ' ');
                dispositionAndAfter(out, part);
            }
            out.appendByte((byte) ')');
            return;
        }
        String subtype = part.getSubtype().isEmpty() ? "PLAIN" : part.getSubtype();
        out.appendByte((byte) '(');
        ImapString.string(out, type);
        out.appendByte((byte) ' ');
        ImapString.string(out, subtype);
        out.appendByte((byte) ' ');
        parameters(out, part.getParamsList());
        out.appendByte((byte) ' ');
        ImapString.nstring(out, part.hasId() ? part.getId() : null);
        out.appendByte((byte) ' ');
        ImapString.nstring(out, part.hasDescription() ? part.getDescription() : null);
        out.appendByte((byte) ' ');
        ImapString.string(out, part.getEncoding().isEmpty() ? "7BIT" : part.getEncoding());
        out.appendByte((byte) ' ');
        out.appendString(Long.toUnsignedString(part.getSize()));
        if (type.equalsIgnoreCase("MESSAGE") && (subtype.equalsIgnoreCase("RFC822") || subtype.equalsIgnoreCase("GLOBAL"))) {
            out.appendByte((byte) ' ');
            envelope(out, part.getEnvelope());
            out.appendByte((byte) ' ');
            body(out, part.hasMessageBody() ? part.getMessageBody() : EMPTY_TEXT, extensible);
            out.appendByte((byte) ' ');
            out.appendString(Integer.toUnsignedString(part.getLines()));
        } else if (type.equalsIgnoreCase("TEXT")) {
            out.appendByte((byte) ' ');
            out.appendString(Integer.toUnsignedString(part.getLines()));
        }
        if (extensible) {
            out.appendByte((byte) ' ');
            ImapString.nstring(out, part.hasMd5() ? part.getMd5() : null);
            out.appendByte((byte) ' ');
            dispositionAndAfter(out, part);
        }
        out.appendByte((byte) ')');
    }

    /** {@code body-fld-dsp SP body-fld-lang SP body-fld-loc}. */
    private static void dispositionAndAfter(Buffer out, BodyPart part) {
        if (part.hasDisposition() && !part.getDisposition().getType().isEmpty()) {
            out.appendByte((byte) '(');
            ImapString.string(out, part.getDisposition().getType());
            out.appendByte((byte) ' ');
            parameters(out, part.getDisposition().getParamsList());
            out.appendByte((byte) ')');
        } else {
            out.appendString("NIL");
        }
        out.appendByte((byte) ' ');
        List<String> languages = part.getLanguageList();
        if (languages.isEmpty()) {
            out.appendString("NIL");
        } else if (languages.size() == 1) {
            ImapString.string(out, languages.get(0));
        } else {
            out.appendByte((byte) '(');
            for (int i = 0; i < languages.size(); i++) {
                if (i > 0) {
                    out.appendByte((byte) ' ');
                }
                ImapString.string(out, languages.get(i));
            }
            out.appendByte((byte) ')');
        }
        out.appendByte((byte) ' ');
        ImapString.nstring(out, part.hasLocation() ? part.getLocation() : null);
    }

    /** {@code body-fld-param}: NIL when there are none. */
    private static void parameters(Buffer out, List<Parameter> params) {
        if (params.isEmpty()) {
            out.appendString("NIL");
            return;
        }
        out.appendByte((byte) '(');
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                out.appendByte((byte) ' ');
            }
            ImapString.string(out, params.get(i).getName());
            out.appendByte((byte) ' ');
            ImapString.string(out, params.get(i).getValue());
        }
        out.appendByte((byte) ')');
    }
}
