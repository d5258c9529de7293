package io.mailserver.storage.mime;

import java.io.ByteArrayOutputStream;

/**
 * RFC 2045 §6.8 base64: characters outside the alphabet (line breaks, spaces) are ignored, the
 * first pad ends the data, and an unpadded last quantum of two or three characters still yields its
 * octets, as mail readers do.
 */
public final class Base64Decoder implements TransferDecoder {

    private static final byte[] VALUES = new byte[256];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private int bits;
    private int count;
    private boolean ended;

    @Override
    public void decode(byte[] in, int from, int to, ByteArrayOutputStream out) {
        for (int i = from; i < to && !ended; i++) {
            int b = in[i] & 0xff;
            if (b == '=') {
                flushPartial(out);
                ended = true;
                return;
            }
            int value = VALUES[b];
            if (value < 0) {
                continue;
            }
            bits = bits << 6 | value;
            if (++count == 4) {
                out.write(bits >> 16);
                out.write(bits >> 8);
                out.write(bits);
                bits = 0;
                count = 0;
            }
        }
    }

    @Override
    public void finish(ByteArrayOutputStream out) {
        if (!ended) {
            flushPartial(out);
            ended = true;
        }
    }

    /** Two characters make one octet, three make two; a single one makes none. */
    private void flushPartial(ByteArrayOutputStream out) {
        if (count == 2) {
            out.write(bits >> 4);
        } else if (count == 3) {
            out.write(bits >> 10);
            out.write(bits >> 2);
        }
        bits = 0;
        count = 0;
    }
}
