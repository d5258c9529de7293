package io.mailserver.storage.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Re-encodes the parts of a message declared {@code Content-Transfer-Encoding: binary} as base64.
 * IMAP BINARY (RFC 3516 §4.4) lets a client APPEND such parts in a literal8; stored as they are, a
 * later BODY[] would have to carry NULs and bare line breaks in a plain literal, which RFC 9051
 * forbids and clients choke on. Base64 keeps every octet (BINARY[] gives them back) in lines any
 * reader takes. Everything else of the message is kept byte for byte.
 */
public final class BinaryParts {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] BASE64_FIELD = "Content-Transfer-Encoding: base64\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int LINE = 76;

    private BinaryParts() {
    }

    /** One part to re-encode: its CTE field and its body. */
    private record Target(HeaderField field, int bodyOffset, int endOffset) {
    }

    /** The message with its binary parts in base64; {@code raw} itself when it has none. */
    public static byte[] asBase64(byte[] raw, int maxDepth, int maxParts) {
        List<Target> targets = new ArrayList<>();
        try {
            collect(MimeWalker.walk(raw, maxDepth, maxParts), targets);
        } catch (RuntimeException | StackOverflowError e) {
            return raw; // a structure the parser cannot follow is stored as it came (MessageParser's rule)
        }
        if (targets.isEmpty()) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + raw.length / 2);
        int copied = 0;
        for (Target target : targets) {
            out.write(raw, copied, target.field().start() - copied);
            out.writeBytes(BASE64_FIELD);
            out.write(raw, target.field().end(), target.bodyOffset() - target.field().end());
            byte[] encoded = Base64.getEncoder().encode(
                    java.util.Arrays.copyOfRange(raw, target.bodyOffset(), target.endOffset()));
            for (int i = 0; i < encoded.length; i += LINE) {
                out.write(encoded, i, Math.min(LINE, encoded.length - i));
                out.write(CRLF, 0, 2);
            }
            copied = target.endOffset();
        }
        out.write(raw, copied, raw.length - copied);
        return out.toByteArray();
    }

    /** The leaf parts declared binary, in the order they appear. */
    private static void collect(MimePart part, List<Target> targets) {
        if (!part.children().isEmpty()) {
            part.children().forEach(child -> collect(child, targets));
            return;
        }
        if (part.message() != null) {
            collect(part.message(), targets);
            return;
        }
        Optional<HeaderField> field = part.header().first("Content-Transfer-Encoding");
        if (field.isPresent() && field.get().end() <= part.bodyOffset()
                && part.header().value(field.get()).trim().toLowerCase(Locale.ROOT).equals("binary")) {
            targets.add(new Target(field.get(), part.bodyOffset(), part.endOffset()));
        }
    }
}
