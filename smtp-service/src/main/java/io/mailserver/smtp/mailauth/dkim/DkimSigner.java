package io.mailserver.smtp.mailauth.dkim;

import io.mailserver.smtp.mailauth.HeaderField;
import io.mailserver.smtp.mailauth.RawMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
        List<String> signedHeaders = signedHeaders(parsed, SIGNED_FIELDS);
        BodyHash body = BodyHash.of(parsed, Canonicalization.RELAXED, -1);

        FieldFolder field = new FieldFolder(NAME);
        field.tag("v=1;");
        field.tag("a=" + key.algorithm().tag() + ";");
        field.tag("c=relaxed/relaxed;");
        field.tag("d=" + key.domain() + ";");
        field.tag("s=" + key.selector() + ";");
        field.tag("t=" + clock.instant().getEpochSecond() + ";");
        field.list("h=", signedHeaders);
        field.tag("bh=" + Base64.getEncoder().encodeToString(body.digest()) + ";");
        return field.signed(key, own -> HeaderHashInput.of(parsed, signedHeaders, Canonicalization.RELAXED, own)) + "\r\n";
    }

    /**
     * Each present field named in {@code candidates} (lower case) once per instance, so all of them are
     * covered, plus From once more: a listed name with no instance left signs its absence, so a From added
     * later breaks the signature.
     */
    static List<String> signedHeaders(RawMessage message, List<String> candidates) {
        List<String> names = new ArrayList<>();
        for (String name : candidates) {
            for (HeaderField field : message.headers()) {
                if (field.is(name)) {
                    names.add(name);
                }
            }
        }
        names.add("from");
        return names;
    }
}
