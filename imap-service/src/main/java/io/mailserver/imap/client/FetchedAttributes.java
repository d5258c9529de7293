package io.mailserver.imap.client;

import io.mailserver.imap.message.BodyStructure;
import io.mailserver.imap.message.Envelope;

/**
 * One message's attributes from a FETCH stream; what was not asked for is empty or 0.
 *
 * @param preview     RFC 8970 text; null for a message stored before previews were kept
 * @param binarySizes the decoded sizes {@link WantedItems#binarySizes()} asked for, in its order; the
 *                    array is the caller's
 */
public record FetchedAttributes(java.util.List<String> flags, long modseq, long internalDateEpochSeconds,
        int internalDateZoneMinutes, long size, Envelope envelope, BodyStructure bodyStructure, String emailId,
        String preview, long[] binarySizes) {
}
