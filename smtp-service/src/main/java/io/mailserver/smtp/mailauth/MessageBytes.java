package io.mailserver.smtp.mailauth;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * A message's octets, held in blocks as received or in one array: copied into one array for the code
 * that hashes it whole, and scanned for what the message needs of the next hop.
 */
public final class MessageBytes {

    private MessageBytes() {
    }

    static byte[] of(List<Buffer> content, long length) {
        byte[] bytes = new byte[Math.toIntExact(length)];
        int at = 0;
        for (Buffer block : content) {
            block.getBytes(0, block.length(), bytes, at);
            at += block.length();
        }
        return bytes;
    }

    /** Whether any octet is over 127: the message needs 8BITMIME (RFC 6152). */
    public static boolean eightBit(List<Buffer> content) {
        for (Buffer block : content) {
            if (eightBit(block.getByteBuf(), block.length())) {
                return true;
            }
        }
        return false;
    }

    /** {@link #eightBit(List)} of a message in one array. */
    public static boolean eightBit(byte[] message) {
        return eightBit(Unpooled.wrappedBuffer(message), message.length);
    }

    private static boolean eightBit(ByteBuf bytes, int length) {
        // this runs on the event loop over up to the largest message: Netty's bulk scan, not an
        // octet-by-octet accessor
        return bytes.forEachByte(bytes.readerIndex(), length, b -> b >= 0) >= 0;
    }
}
