package io.mailserver.storage.message.model;

import io.mailserver.storage.blob.BlobId;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * RFC 8474 EMAILID, derived from the content's SHA-256 (the blob id): copies and moves keep it,
 * as the RFC asks, and so does byte-identical content delivered twice, which the RFC allows. 96 bits
 * of the hash make an accidental clash between different messages of one server negligible.
 */
public final class EmailId {

    private static final int BYTES = 12;
    private static final Pattern FORM = Pattern.compile("M[0-9a-f]{" + 2 * BYTES + "}");

    private EmailId() {
    }

    public static String of(BlobId blob) {
        return "M" + HexFormat.of().formatHex(blob.bytes(), 0, BYTES);
    }

    /** The hash prefix an EMAILID stands for, or null when the text is not one of ours. */
    public static byte[] prefix(String emailId) {
        if (!FORM.matcher(emailId).matches()) {
            return null;
        }
        return HexFormat.of().parseHex(emailId.substring(1));
    }
}
