package io.mailserver.imap.handler;

import io.vertx.core.buffer.Buffer;

/**
 * Watches a message as it streams for an octet above 0x7F in its header section (up to the first
 * empty line), without holding any of it: RFC 9755 §4 has a server that offers UTF8=ACCEPT refuse
 * such an APPEND from a client that has not enabled it, since that client could not have meant
 * UTF-8 headers and no other such client could read them.
 */
final class HeaderOctets {

    private boolean inHeader = true;
    /** Octets of the current line so far, CR not counted: 0 at a LF means the empty line. */
    private long lineLength;

    /** Feeds the next octets; true once an 8-bit octet was seen in the header. */
    boolean eightBit(Buffer octets) {
        for (int i = 0; i < octets.length() && inHeader; i++) {
            byte b = octets.getByte(i);
            if (b < 0) {
                return true;
            }
            if (b == '\n') {
                inHeader = lineLength > 0;
                lineLength = 0;
            } else if (b != '\r') {
                lineLength++;
            }
        }
        return false;
    }
}
