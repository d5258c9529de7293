package io.mailserver.storage.mime;

import io.mailserver.contracts.storage.v1.BodyPart;
import io.mailserver.contracts.storage.v1.Envelope;
import java.time.LocalDate;

/**
 * What a message row keeps so FETCH and SEARCH never parse again: ENVELOPE, BODYSTRUCTURE with
 * offsets, the length of the top-level header (the stored header bytes), decoded header lines, the
 * decoded body text in lower case for substring search, the date of the Date field (null when
 * there is none) and the RFC 8970 preview text.
 */
public record ParsedMessage(
        Envelope envelope,
        BodyPart bodyStructure,
        int headerLength,
        String searchHeaders,
        String searchBody,
        LocalDate sentDate,
        String preview) {
}
