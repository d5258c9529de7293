package io.mailserver.storage.mime;

import java.util.List;

/**
 * One entity of a message with its byte offsets in the raw message: the header starts at
 * {@code headerOffset}, the body runs from {@code bodyOffset} to {@code endOffset} (exclusive).
 * A multipart has {@code children}; a message/rfc822 part has the encapsulated {@code message},
 * whose own header starts where this part's body does.
 */
public record MimePart(
        int headerOffset,
        int bodyOffset,
        int endOffset,
        HeaderBlock header,
        ContentType contentType,
        List<MimePart> children,
        MimePart message) {

    public int bodySize() {
        return endOffset - bodyOffset;
    }
}
