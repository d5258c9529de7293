package io.mailserver.imap.reply;

import io.mailserver.imap.message.Address;
import io.mailserver.imap.message.BodyStructure;
import io.mailserver.imap.message.Envelope;
import io.mailserver.imap.message.Parameter;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * ENVELOPE and BODYSTRUCTURE/BODY exactly as RFC 9051 §7.5.2 defines them, from the structures
 * storage-service computed at delivery. Pure functions.
 */
public final class MessageStructureEncoder {

    private static final BodyStructure EMPTY_TEXT = new BodyStructure("TEXT", "PLAIN", List.of(), null, null, "7BIT",
            0, 0, Envelope.EMPTY, null, List.of(), null, null, List.of(), null);

    private MessageStructureEncoder() {
    }

    public static Buffer envelope(Envelope envelope) {
        Buffer out = Buffer.buffer(256);
        envelope(out, envelope);
        return out;
    }

    public static Buffer bodyStructure(BodyStructure body, boolean extensible) {
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
        ImapString.nstring(out, e.date());
        out.appendByte((byte) ' ');
        ImapString.nstring(out, e.subject());
        out.appendByte((byte) ' ');
        addresses(out, e.from());
        out.appendByte((byte) ' ');
        addresses(out, e.sender().isEmpty() ? e.from() : e.sender());
        out.appendByte((byte) ' ');
        addresses(out, e.replyTo().isEmpty() ? e.from() : e.replyTo());
        out.appendByte((byte) ' ');
        addresses(out, e.to());
        out.appendByte((byte) ' ');
        addresses(out, e.cc());
        out.appendByte((byte) ' ');
        addresses(out, e.bcc());
        out.appendByte((byte) ' ');
        ImapString.nstring(out, e.inReplyTo());
        out.appendByte((byte) ' ');
        ImapString.nstring(out, e.messageId());
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
            ImapString.nstring(out, a.name());
            out.appendByte((byte) ' ');
            ImapString.nstring(out, a.adl());
            out.appendByte((byte) ' ');
            ImapString.nstring(out, a.mailbox());
            out.appendByte((byte) ' ');
            ImapString.nstring(out, a.host());
            out.appendByte((byte) ')');
        }
        out.appendByte((byte) ')');
    }

    /** {@code body}: multipart or single part; extension data only for BODYSTRUCTURE. */
    public static void body(Buffer out, BodyStructure part, boolean extensible) {
        String type = part.type().isEmpty() ? "TEXT" : part.type();
        if (type.equalsIgnoreCase("MULTIPART") && !part.parts().isEmpty()) {
            out.appendByte((byte) '(');
            for (BodyStructure child : part.parts()) {
                body(out, child, extensible);
            }
            out.appendByte((byte) ' ');
            ImapString.string(out, part.subtype().isEmpty() ? "MIXED" : part.subtype());
            if (extensible) {
                out.appendByte((byte) ' ');
                parameters(out, part.params());
                out.appendByte((byte) ' ');
                dispositionAndAfter(out, part);
            }
            out.appendByte((byte) ')');
            return;
        }
        String subtype = part.subtype().isEmpty() ? "PLAIN" : part.subtype();
        out.appendByte((byte) '(');
        ImapString.string(out, type);
        out.appendByte((byte) ' ');
        ImapString.string(out, subtype);
        out.appendByte((byte) ' ');
        parameters(out, part.params());
        out.appendByte((byte) ' ');
        ImapString.nstring(out, part.id());
        out.appendByte((byte) ' ');
        ImapString.nstring(out, part.description());
        out.appendByte((byte) ' ');
        ImapString.string(out, part.encoding().isEmpty() ? "7BIT" : part.encoding());
        out.appendByte((byte) ' ');
        out.appendString(Long.toUnsignedString(part.size()));
        if (type.equalsIgnoreCase("MESSAGE") && (subtype.equalsIgnoreCase("RFC822") || subtype.equalsIgnoreCase("GLOBAL"))) {
            out.appendByte((byte) ' ');
            envelope(out, part.envelope());
            out.appendByte((byte) ' ');
            body(out, part.messageBody() != null ? part.messageBody() : EMPTY_TEXT, extensible);
            out.appendByte((byte) ' ');
            out.appendString(Integer.toUnsignedString(part.lines()));
        } else if (type.equalsIgnoreCase("TEXT")) {
            out.appendByte((byte) ' ');
            out.appendString(Integer.toUnsignedString(part.lines()));
        }
        if (extensible) {
            out.appendByte((byte) ' ');
            ImapString.nstring(out, part.md5());
            out.appendByte((byte) ' ');
            dispositionAndAfter(out, part);
        }
        out.appendByte((byte) ')');
    }

    /** {@code body-fld-dsp SP body-fld-lang SP body-fld-loc}. */
    private static void dispositionAndAfter(Buffer out, BodyStructure part) {
        if (part.disposition() != null) {
            out.appendByte((byte) '(');
            ImapString.string(out, part.disposition().type());
            out.appendByte((byte) ' ');
            parameters(out, part.disposition().params());
            out.appendByte((byte) ')');
        } else {
            out.appendString("NIL");
        }
        out.appendByte((byte) ' ');
        List<String> languages = part.language();
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
        ImapString.nstring(out, part.location());
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
            ImapString.string(out, params.get(i).name());
            out.appendByte((byte) ' ');
            ImapString.string(out, params.get(i).value());
        }
        out.appendByte((byte) ')');
    }
}
