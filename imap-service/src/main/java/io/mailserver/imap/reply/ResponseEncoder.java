package io.mailserver.imap.reply;

import io.mailserver.imap.codec.ImapDate;
import io.mailserver.imap.codec.MailboxNames;
import io.vertx.core.buffer.Buffer;

/** The wire form of every {@link Response} (RFC 9051 §7, §9). Pure functions. */
public final class ResponseEncoder {

    private static final Buffer CRLF = Buffer.buffer("\r\n");

    private ResponseEncoder() {
    }

    public static Buffer encode(Response response) {
        return encode(response, MailboxNames.MODIFIED_UTF7);
    }

    /** @param names how the session spells mailbox names (LIST, LSUB, STATUS, QUOTAROOT) */
    public static Buffer encode(Response response, MailboxNames names) {
        Buffer out = Buffer.buffer(64);
        if (response instanceof StatusResponse r) {
            out.appendString(r.tag() == null ? "*" : r.tag()).appendByte((byte) ' ').appendString(r.status().name());
            if (r.code() != null) {
                out.appendString(" [").appendString(r.code().toString()).appendByte((byte) ']');
            }
            out.appendByte((byte) ' ').appendString(text(r.text()));
        } else if (response instanceof CapabilityResponse r) {
            out.appendString("* CAPABILITY ").appendString(String.join(" ", r.capabilities()));
        } else if (response instanceof ListResponse r) {
            out.appendString("* ").appendString(r.command()).appendString(" (")
                    .appendString(String.join(" ", r.attributes())).appendString(") ");
            if (r.delimiter() == null) {
                out.appendString("NIL");
            } else {
                ImapString.string(out, r.delimiter());
            }
            out.appendByte((byte) ' ');
            mailbox(out, r.mailbox(), names);
            if (!r.childInfo().isEmpty()) {
                out.appendString(" (CHILDINFO (");
                for (int i = 0; i < r.childInfo().size(); i++) {
                    out.appendString(i == 0 ? "\"" : " \"").appendString(r.childInfo().get(i)).appendByte((byte) '"');
                }
                out.appendString("))");
            }
        } else if (response instanceof FlagsResponse r) {
            out.appendString("* FLAGS (").appendString(String.join(" ", r.flags())).appendByte((byte) ')');
        } else if (response instanceof NumberedResponse r) {
            out.appendString("* ").appendString(Long.toString(r.number())).appendByte((byte) ' ')
                    .appendString(r.kind().name());
        } else if (response instanceof SearchResponse r) {
            out.appendString("* SEARCH");
            for (long n : r.numbers()) {
                out.appendByte((byte) ' ').appendString(Long.toString(n));
            }
            if (r.highestModseq() > 0) {
                out.appendString(" (MODSEQ ").appendString(Long.toUnsignedString(r.highestModseq())).appendByte((byte) ')');
            }
        } else if (response instanceof SortResponse r) {
            out.appendString("* SORT");
            for (long n : r.numbers()) {
                out.appendByte((byte) ' ').appendString(Long.toString(n));
            }
            if (r.highestModseq() > 0) {
                out.appendString(" (MODSEQ ").appendString(Long.toUnsignedString(r.highestModseq())).appendByte((byte) ')');
            }
        } else if (response instanceof QuotaRootResponse r) {
            out.appendString("* QUOTAROOT ");
            mailbox(out, r.mailbox(), names);
            for (String root : r.roots()) {
                out.appendByte((byte) ' ');
                ImapString.astring(out, root);
            }
        } else if (response instanceof QuotaResponse r) {
            out.appendString("* QUOTA ");
            ImapString.astring(out, r.root());
            out.appendString(" (");
            boolean first = true;
            for (var resource : r.resources().entrySet()) {
                out.appendString(first ? "" : " ").appendString(resource.getKey()).appendByte((byte) ' ')
                        .appendString(Long.toUnsignedString(resource.getValue()[0])).appendByte((byte) ' ')
                        .appendString(Long.toUnsignedString(resource.getValue()[1]));
                first = false;
            }
            out.appendByte((byte) ')');
        } else if (response instanceof ThreadResponse r) {
            out.appendString("* THREAD");
            ThreadListText.append(out, r);
        } else if (response instanceof EsearchResponse r) {
            // tags are atoms (no quote or backslash), so quoting them needs no escapes
            out.appendString("* ESEARCH (TAG \"").appendString(r.tag()).appendString("\")");
            if (r.uid()) {
                out.appendString(" UID");
            }
            if (r.min() != null) {
                out.appendString(" MIN ").appendString(Long.toString(r.min()));
            }
            if (r.max() != null) {
                out.appendString(" MAX ").appendString(Long.toString(r.max()));
            }
            if (r.count() >= 0) {
                out.appendString(" COUNT ").appendString(Long.toString(r.count()));
            }
            if (r.all() != null) {
                out.appendString(" ALL ").appendString(r.all());
            }
            if (r.modseq() >= 0) {
                out.appendString(" MODSEQ ").appendString(Long.toUnsignedString(r.modseq()));
            }
        } else if (response instanceof VanishedResponse r) {
            out.appendString(r.earlier() ? "* VANISHED (EARLIER) " : "* VANISHED ").appendString(r.uids());
        } else if (response instanceof FetchResponse r) {
            out.appendBuffer(fetchOpen(r.sequence(), r.items())).appendByte((byte) ')');
        } else if (response instanceof ContinuationRequest r) {
            out.appendString("+ ").appendString(text(r.text()));
        } else if (response instanceof MailboxStatusResponse r) {
            out.appendString("* STATUS ");
            mailbox(out, r.mailbox(), names);
            out.appendString(" (");
            boolean first = true;
            for (var item : r.items().entrySet()) {
                out.appendString(first ? "" : " ").appendString(item.getKey()).appendByte((byte) ' ');
                if (item.getKey().equals("MAILBOXID")) {
                    // RFC 8474 §4.2: the one STATUS item that is not a number
                    out.appendByte((byte) '(').appendString(ResponseCode.mailboxObjectId(item.getValue())).appendByte((byte) ')');
                } else {
                    out.appendString(Long.toUnsignedString(item.getValue()));
                }
                first = false;
            }
            out.appendByte((byte) ')');
        } else if (response instanceof NamespaceResponse r) {
            out.appendString("* NAMESPACE ((");
            ImapString.string(out, r.personalPrefix());
            out.appendByte((byte) ' ');
            ImapString.string(out, r.delimiter());
            out.appendString(")) NIL NIL");
        } else if (response instanceof EnabledResponse r) {
            out.appendString("* ENABLED");
            for (String capability : r.capabilities()) {
                out.appendByte((byte) ' ').appendString(capability);
            }
        } else if (response instanceof IdResponse r) {
            out.appendString("* ID ");
            if (r.fields().isEmpty()) {
                out.appendString("NIL");
            } else {
                out.appendByte((byte) '(');
                boolean first = true;
                for (var field : r.fields().entrySet()) {
                    out.appendString(first ? "" : " ");
                    ImapString.string(out, field.getKey());
                    out.appendByte((byte) ' ');
                    ImapString.nstring(out, field.getValue());
                    first = false;
                }
                out.appendByte((byte) ')');
            }
        }
        return out.appendBuffer(CRLF);
    }

    /** {@code * n FETCH (items}: the response stays open for streamed sections and {@link #fetchClose()}. */
    public static Buffer fetchOpen(long sequence, Iterable<FetchItem> items) {
        Buffer out = Buffer.buffer(128);
        out.appendString("* ").appendString(Long.toString(sequence)).appendString(" FETCH (");
        return out.appendBuffer(fetchItems(items, true));
    }

    /** Items of an open FETCH response, separated by spaces; a leading space unless {@code first}. */
    public static Buffer fetchItems(Iterable<FetchItem> items, boolean first) {
        Buffer out = Buffer.buffer(64);
        for (FetchItem item : items) {
            if (!first) {
                out.appendByte((byte) ' ');
            }
            first = false;
            item(out, item);
        }
        return out;
    }

    /** {@code label {size}CRLF}, preceded by a space unless it opens the item list. */
    /** The label and literal announcement of section data; a literal8 ({@code ~{n}}) when it holds NUL (RFC 3516). */
    public static Buffer sectionOpen(String label, long size, boolean first, boolean literal8) {
        return Buffer.buffer((first ? "" : " ") + label + (literal8 ? " ~{" : " {") + size + "}\r\n");
    }

    public static Buffer fetchClose() {
        return Buffer.buffer(")\r\n");
    }

    private static void item(Buffer out, FetchItem item) {
        if (item instanceof FetchItem.Uid uid) {
            out.appendString("UID ").appendString(Integer.toUnsignedString(uid.uid()));
        } else if (item instanceof FetchItem.Flags flags) {
            out.appendString("FLAGS (").appendString(String.join(" ", flags.flags())).appendByte((byte) ')');
        } else if (item instanceof FetchItem.Modseq modseq) {
            out.appendString("MODSEQ (").appendString(Long.toUnsignedString(modseq.modseq())).appendByte((byte) ')');
        } else if (item instanceof FetchItem.InternalDate date) {
            out.appendString("INTERNALDATE \"")
                    .appendString(ImapDate.formatDateTime(date.epochSeconds(), date.zoneOffsetMinutes()))
                    .appendByte((byte) '"');
        } else if (item instanceof FetchItem.Size size) {
            out.appendString("RFC822.SIZE ").appendString(Long.toUnsignedString(size.octets()));
        } else if (item instanceof FetchItem.EnvelopeItem envelope) {
            out.appendString("ENVELOPE ");
            MessageStructureEncoder.envelope(out, envelope.envelope());
        } else if (item instanceof FetchItem.Structure structure) {
            out.appendString(structure.extensible() ? "BODYSTRUCTURE " : "BODY ");
            MessageStructureEncoder.body(out, structure.body(), structure.extensible());
        } else if (item instanceof FetchItem.ObjectId objectId) {
            out.appendString(objectId.name());
            if (objectId.id() == null) {
                out.appendString(" NIL");
            } else {
                // objectids are 1*255 of ALPHA / DIGIT / "_" / "-": an atom, safe as it is
                out.appendString(" (").appendString(objectId.id()).appendByte((byte) ')');
            }
        } else if (item instanceof FetchItem.Preview preview) {
            out.appendString("PREVIEW ");
            ImapString.nstring(out, preview.text());
        } else if (item instanceof FetchItem.BinarySize size) {
            out.appendString(size.label()).appendByte((byte) ' ').appendString(Long.toUnsignedString(size.octets()));
        } else if (item instanceof FetchItem.MissingSection missing) {
            out.appendString(missing.label()).appendString(" NIL");
        }
    }

    /**
     * A mailbox name in the session's spelling; a UTF-8 name goes quoted when it can (RFC 9755 §3
     * allows UTF-8 in quoted strings once enabled, and clients expect a name there, not a literal).
     */
    private static void mailbox(Buffer out, String name, MailboxNames names) {
        String wire = names.encode(name);
        if (names == MailboxNames.UTF8) {
            ImapString.astringUtf8(out, wire);
        } else {
            ImapString.astring(out, wire);
        }
    }

    /** resp-text must not be empty for some clients, and must never carry CR or LF. */
    private static String text(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
