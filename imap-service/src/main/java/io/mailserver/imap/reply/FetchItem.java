package io.mailserver.imap.reply;

import io.mailserver.imap.message.BodyStructure;
import io.mailserver.imap.message.Envelope;
import java.util.List;

/** One data item of a FETCH response (RFC 9051 §7.5.2 {@code msg-att}). */
public sealed interface FetchItem {

    record Uid(int uid) implements FetchItem {
    }

    record Flags(List<String> flags) implements FetchItem {
        public Flags {
            flags = List.copyOf(flags);
        }
    }

    /** RFC 7162 {@code MODSEQ (n)}. */
    record Modseq(long modseq) implements FetchItem {
    }

    record InternalDate(long epochSeconds, int zoneOffsetMinutes) implements FetchItem {
    }

    record Size(long octets) implements FetchItem {
    }

    record EnvelopeItem(Envelope envelope) implements FetchItem {
    }

    /** BODYSTRUCTURE ({@code extensible}) or BODY. */
    record Structure(BodyStructure body, boolean extensible) implements FetchItem {
    }

    /** RFC 8474 {@code EMAILID (id)} or {@code THREADID (id)}; {@code THREADID NIL} when {@code id} is null. */
    record ObjectId(String name, String id) implements FetchItem {
    }

    /** RFC 8970 {@code PREVIEW "text"}, or {@code PREVIEW NIL} when {@code text} is null. */
    record Preview(String text) implements FetchItem {
    }

    /** RFC 3516 {@code BINARY.SIZE[part] n}. */
    record BinarySize(String label, long octets) implements FetchItem {
    }

    /** A section that does not exist: {@code BODY[5] NIL}. */
    record MissingSection(String label) implements FetchItem {
    }
}
