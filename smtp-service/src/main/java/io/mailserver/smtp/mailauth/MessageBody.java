package io.mailserver.smtp.mailauth;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A message's body, written out in order from wherever its octets are held (the blocks a session
 * received, or one array): DKIM and ARC hash it in passes over those blocks instead of a copy.
 */
@FunctionalInterface
public interface MessageBody {

    MessageBody EMPTY = out -> { };

    void writeTo(OutputStream out) throws IOException;

    /** The octets of {@code message} from {@code from} on. */
    static MessageBody of(byte[] message, int from) {
        return out -> out.write(message, from, message.length - from);
    }
}
