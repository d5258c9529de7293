package io.mailserver.smtp.mailauth;

import io.vertx.core.buffer.Buffer;
import java.util.List;

/** A message held in blocks, copied into one array for the code that hashes it whole. */
final class MessageBytes {

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
}
