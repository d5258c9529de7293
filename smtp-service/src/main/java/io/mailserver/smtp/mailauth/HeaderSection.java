package io.mailserver.smtp.mailauth;

import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * A message's header section, copied out of the blocks a session holds for parsing, however long it
 * is up to a bound: a From behind a megabyte of padding must still be found (DMARC judges it).
 *
 * @param octets    the header section, its empty line included; or the first {@code limit} octets
 * @param bodyStart where the body starts, -1 when no empty line ends the section within what was read
 * @param whole     whether {@code octets} hold the whole header section (an empty line ended it, or
 *                  the message ended first)
 */
record HeaderSection(byte[] octets, long bodyStart, boolean whole) {

    /** @param limit octets read at most looking for the end of the header section */
    static HeaderSection read(List<Buffer> content, long length, long limit) {
        long scan = Math.min(length, limit);
        long bodyStart = MessageBytes.bodyStart(content, scan);
        byte[] octets = MessageBytes.of(content, bodyStart < 0 ? scan : bodyStart);
        // without an empty line the header section is the whole message, unless it ran past the limit
        return new HeaderSection(octets, bodyStart, bodyStart >= 0 || length <= limit);
    }
}
