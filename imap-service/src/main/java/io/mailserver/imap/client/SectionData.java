package io.mailserver.imap.client;

import io.vertx.core.buffer.Buffer;

/**
 * One chunk of a section's octets from a FETCH stream; a section's chunks come in order, and the
 * first announces the whole size.
 *
 * @param index    the section's place in {@link WantedItems#sections()}
 * @param literal8 on the first chunk of a BINARY section: it holds NUL octets, so it must go out as
 *                 a literal8 (RFC 3516 §4.3)
 */
public record SectionData(int index, long totalSize, Buffer data, boolean last, boolean literal8) {
}
