package io.mailserver.smtp.mailauth;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ByteProcessor;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * A message's octets, held in blocks as received or in one array: its header section copied into one
 * array for the code that parses it, its body handed on block by block for hashing, and scanned for
 * where its header section ends and for 8-bit octets. The
 * scans run on the event loop over messages up to the largest accepted, so they use Netty's bulk
 * {@code forEachByte}, not an octet-by-octet accessor.
 */
public final class MessageBytes {

    private MessageBytes() {
    }

    /** The first {@code length} octets (all of them when there are fewer) in one array. */
    public static byte[] of(List<Buffer> content, long length) {
        long available = content.stream().mapToLong(Buffer::length).sum();
        byte[] bytes = new byte[Math.toIntExact(Math.min(length, available))];
        int at = 0;
        for (Buffer block : content) {
            int n = Math.min(block.length(), bytes.length - at);
            block.getBytes(0, n, bytes, at);
            at += n;
        }
        return bytes;
    }

    /**
     * Where the body starts: the offset just past the empty line that ends the header section (RFC 5322
     * §2.1), which is the first line when there are no header fields; -1 when no empty line ends within
     * the first {@code limit} octets (a message without a body, or a header section longer than the
     * caller reads). Only CRLF ends a line: DATA and BDAT store bare CR and LF as CRLF or refuse the
     * message, so a bare LF here is content, as it is to DKIM.
     */
    public static long bodyStart(List<Buffer> content, long limit) {
        EmptyLine emptyLine = new EmptyLine();
        long offset = 0;
        for (Buffer block : content) {
            if (offset >= limit) {
                break;
            }
            ByteBuf bytes = block.getByteBuf();
            int n = (int) Math.min(bytes.readableBytes(), limit - offset);
            int last = bytes.forEachByte(bytes.readerIndex(), n, emptyLine);
            if (last >= 0) {
                return offset + (last - bytes.readerIndex()) + 1;
            }
            offset += n;
        }
        return -1;
    }

    /** The octets from {@code from} on, written block by block as they are held, none copied whole. */
    public static MessageBody body(List<Buffer> content, long from) {
        return out -> {
            long skip = from;
            for (Buffer block : content) {
                ByteBuf bytes = block.getByteBuf();
                int length = bytes.readableBytes();
                if (skip >= length) {
                    skip -= length;
                    continue;
                }
                bytes.getBytes(bytes.readerIndex() + (int) skip, out, length - (int) skip);
                skip = 0;
            }
        };
    }

    /** {@link #bodyStart(List, long)} of a whole message in one array. */
    public static int bodyStart(byte[] message) {
        int last = Unpooled.wrappedBuffer(message).forEachByte(new EmptyLine());
        return last < 0 ? -1 : last + 1;
    }

    /** Whether any octet is over 127: the message needs 8BITMIME (RFC 6152). */
    public static boolean eightBit(List<Buffer> content) {
        return eightBit(content, Long.MAX_VALUE);
    }

    /** Whether any of the first {@code length} octets is over 127. */
    public static boolean eightBit(List<Buffer> content, long length) {
        long left = length;
        for (Buffer block : content) {
            if (left <= 0) {
                break;
            }
            int n = (int) Math.min(block.length(), left);
            if (eightBit(block.getByteBuf(), n)) {
                return true;
            }
            left -= n;
        }
        return false;
    }

    /** {@link #eightBit(List)} of a message in one array. */
    public static boolean eightBit(byte[] message) {
        return eightBit(Unpooled.wrappedBuffer(message), message.length);
    }

    private static boolean eightBit(ByteBuf bytes, int length) {
        return bytes.forEachByte(bytes.readerIndex(), length, b -> b >= 0) >= 0;
    }

    /** Stops at the last octet of the empty line; what it has seen carries over from block to block. */
    private static final class EmptyLine implements ByteProcessor {

        // the last four octets; a message starts at the start of a line, as if after a CRLF, so an
        // empty first line is found as well
        private int recent = 0x0d0a;

        @Override
        public boolean process(byte value) {
            recent = (recent << 8) | (value & 0xff);
            return recent != 0x0d0a0d0a;
        }
    }
}
