package io.mailserver.smtp.mailauth.dkim;

import io.mailserver.smtp.mailauth.HeaderField;
import io.mailserver.smtp.mailauth.RawMessage;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Signs outgoing messages (RFC 6376 §5) with relaxed/relaxed canonicalization, which survives the
 * re-folding and whitespace changes of relays that simple does not.
 */
public final class DkimSigner {

    /**
     * The fields signed when present (RFC 6376 §5.4.1's recommendations plus the list fields mailing-list
     * software relies on). Received and trace fields are left out because relays add them.
     */
    public static final List<String> SIGNED_FIELDS = List.of("from", "reply-to", "subject", "date", "to", "cc",
            "message-id", "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding",
            "list-id", "list-help", "list-unsubscribe", "list-unsubscribe-post", "list-subscribe", "list-post",
            "list-owner", "list-archive");

    private static final int LINE_WIDTH = 76;
    private static final String NAME = "DKIM-Signature: ";

    private final Clock clock;

    public DkimSigner(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The DKIM-Signature field to put above {@code message}'s first line, folded, ending with CRLF.
     * ASCII only, so it can be prepended to the message bytes as is.
     */
    public String sign(DkimSigningKey key, byte[] message) {
        RawMessage parsed = RawMessage.parse(message);
        List<String> signedHeaders = signedHeaders(parsed);
        BodyHash body = BodyHash.of(parsed, Canonicalization.RELAXED, -1);

        Folder field = new Folder(NAME);
        field.tag("v=1;");
        field.tag("a=" + key.algorithm().tag() + ";");
        field.tag("c=relaxed/relaxed;");
        field.tag("d=" + key.domain() + ";");
        field.tag("s=" + key.selector() + ";");
        field.tag("t=" + clock.instant().getEpochSecond() + ";");
        field.list("h=", signedHeaders);
        field.tag("bh=" + Base64.getEncoder().encodeToString(body.digest()) + ";");
        field.tag("b=");
        String unsigned = field.text();

        HeaderField toSign = HeaderField.of(unsigned.getBytes(StandardCharsets.US_ASCII));
        byte[] data = HeaderHashInput.of(parsed, signedHeaders, Canonicalization.RELAXED, toSign);
        // b= is emptied before hashing, so its folding whitespace is free to be added afterwards
        field.value(Base64.getEncoder().encodeToString(signature(key, data)));
        return field.text() + "\r\n";
    }

    /**
     * Each present field once per instance, so all of them are covered, plus From once more: a listed
     * name with no instance left signs its absence, so a From added later breaks the signature.
     */
    private static List<String> signedHeaders(RawMessage message) {
        List<String> names = new ArrayList<>();
        for (String name : SIGNED_FIELDS) {
            for (HeaderField field : message.headers()) {
                if (field.is(name)) {
                    names.add(name);
                }
            }
        }
        names.add("from");
        return names;
    }

    private static byte[] signature(DkimSigningKey key, byte[] data) {
        try {
            Signature signer = Signature.getInstance(DkimKeys.jdkSignatureName(key.algorithm()));
            signer.initSign(key.privateKey());
            // RFC 8463 §3: Ed25519 signs the SHA-256 hash of the data, not the data
            signer.update(key.algorithm() == DkimAlgorithm.ED25519_SHA256 ? BodyHash.sha256().digest(data) : data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with a checked " + key.algorithm().tag() + " key failed", e);
        }
    }

    /** Folds at tag boundaries, h= at its colons and b= anywhere, keeping lines near {@link #LINE_WIDTH}. */
    private static final class Folder {

        private final StringBuilder text;
        private int lineLength;
        private boolean anyTag;

        Folder(String start) {
            text = new StringBuilder(start);
            lineLength = start.length();
        }

        void tag(String tag) {
            token(tag, anyTag);
        }

        /** h= with its names run together, folding after a colon where a line fills up. */
        void list(String tagName, List<String> values) {
            for (int i = 0; i < values.size(); i++) {
                String piece = values.get(i).toLowerCase(Locale.ROOT) + (i + 1 < values.size() ? ":" : ";");
                token(i == 0 ? tagName + piece : piece, i == 0);
            }
        }

        /** A fold's leading space doubles as the separator, so a token never follows a bare space. */
        private void token(String token, boolean spaced) {
            if (lineLength + (spaced ? 1 : 0) + token.length() > LINE_WIDTH && lineLength > 1) {
                text.append("\r\n ");
                lineLength = 1;
            } else if (spaced) {
                text.append(' ');
                lineLength++;
            }
            text.append(token);
            lineLength += token.length();
            anyTag = true;
        }

        /** Appends a base64 value right after "b=", broken into lines where it reaches the width. */
        void value(String value) {
            int pos = 0;
            while (pos < value.length()) {
                int room = LINE_WIDTH - lineLength;
                if (room < 8) {
                    text.append("\r\n ");
                    lineLength = 1;
                    room = LINE_WIDTH - 1;
                }
                int end = Math.min(value.length(), pos + room);
                text.append(value, pos, end);
                lineLength += end - pos;
                pos = end;
            }
        }

        String text() {
            return text.toString();
        }
    }
}
