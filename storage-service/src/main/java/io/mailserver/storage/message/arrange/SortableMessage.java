package io.mailserver.storage.message.arrange;

import io.mailserver.contracts.storage.v1.Address;
import io.mailserver.contracts.storage.v1.Envelope;
import java.time.Instant;
import java.util.List;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * What SORT and THREAD know of one message, read once from its stored row.
 *
 * @param sentDate    the Date field's instant, or the internal date when there is none that can be
 *                    read (RFC 5256 §2.2)
 * @param messageId   the Message-ID without its angle brackets, or null
 * @param references  the message IDs it replies to, oldest first (References, else In-Reply-To);
 *                    empty unless threading by references
 */
public record SortableMessage(long uid, long modseq, long size, Instant internalDate, Instant sentDate,
        Envelope envelope, BaseSubject subject, String messageId, List<String> references) {

    public SortableMessage {
        references = List.copyOf(references);
    }

    public static SortableMessage of(long uid, long modseq, long size, Instant internalDate, Envelope envelope,
            List<String> references) {
        Instant sent = envelope.hasDate() ? SentDate.parse(envelope.getDate()) : null;
        List<String> ids = envelope.hasMessageId() ? MessageIds.parse(envelope.getMessageId()) : List.of();
        return new SortableMessage(uid, modseq, size, internalDate, sent == null ? internalDate : sent, envelope,
                BaseSubject.of(envelope.hasSubject() ? envelope.getSubject() : null),
                ids.isEmpty() ? null : ids.get(0), references);
    }

    /** RFC 5256 FROM, TO, CC: the local part of the first address, empty when there is none. */
    static String mailbox(List<Address> addresses) {
        if (addresses.isEmpty() || !addresses.get(0).hasMailbox()) {
            return "";
        }
        return addresses.get(0).getMailbox();
    }

    /**
     * RFC 5957 DISPLAY: the first address's display name, decoded, or its address when it has no
     * name; empty when there is no address.
     */
    static String display(List<Address> addresses) {
        if (addresses.isEmpty()) {
            return "";
        }
        Address first = addresses.get(0);
        if (first.hasName()) {
            String name = DecoderUtil.decodeEncodedWords(first.getName(), DecodeMonitor.SILENT).strip();
            if (!name.isEmpty()) {
                return name;
            }
        }
        String mailbox = first.hasMailbox() ? first.getMailbox() : "";
        return first.hasHost() ? mailbox + "@" + first.getHost() : mailbox;
    }
}
