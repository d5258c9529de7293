package io.mailserver.smtp.handler;

import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Counts a message's {@code Received} fields, the loop detection RFC 5321 §6.3 describes: mail an
 * alias forwards can come back (an address elsewhere forwarding to the alias), and each pass adds a
 * field, so a loop ends at the limit instead of going round for ever. Reads the header section where
 * the session holds it, octet by octet, and stops at its end or at the limit.
 */
final class HopCount {

    private static final byte[] NAME = {'r', 'e', 'c', 'e', 'i', 'v', 'e', 'd'};

    private HopCount() {
    }

    /** The Received fields of the header section in {@code content}, counted up to {@code limit}. */
    static int received(List<Buffer> content, int limit) {
        int count = 0;
        int column = 0;
        // how much of the field name the line has matched so far; -1 once it cannot be Received
        int matched = 0;
        for (Buffer block : content) {
            for (int i = 0; i < block.length(); i++) {
                byte b = block.getByte(i);
                if (b == '\n') {
                    if (column == 0) {
                        return count;
                    }
                    column = 0;
                    matched = 0;
                    continue;
                }
                if (b == '\r') {
                    continue;
                }
                column++;
                if (matched >= 0 && matched < NAME.length) {
                    matched = (b | 0x20) == NAME[matched] ? matched + 1 : -1;
                } else if (matched == NAME.length) {
                    // RFC 5322 §4.5's obsolete syntax allows white space before the colon
                    if (b == ':') {
                        count++;
                        if (count >= limit) {
                            return count;
                        }
                        matched = -1;
                    } else if (b != ' ' && b != '\t') {
                        matched = -1;
                    }
                }
            }
        }
        return count;
    }
}
