package io.mailserver.smtp.mailauth.dkim;

import io.mailserver.smtp.mailauth.HeaderField;
import io.mailserver.smtp.mailauth.RawMessage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bytes a DKIM signature signs (RFC 6376 §3.7 and §5.4.2): the h= fields in order, each repeated name
 * taking the next instance from the bottom up, then the DKIM-Signature field itself with its b= value
 * emptied and without its final CRLF. Signer and verifier share this so they cannot drift apart.
 */
final class HeaderHashInput {

    private HeaderHashInput() {
    }

    static byte[] of(RawMessage message, List<String> signedHeaders, Canonicalization canonicalization,
            HeaderField signatureWithoutB) {
        Map<String, List<HeaderField>> byName = new HashMap<>();
        for (HeaderField field : message.headers()) {
            byName.computeIfAbsent(field.name().toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(field);
        }
        Map<String, Integer> taken = new HashMap<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String name : signedHeaders) {
            List<HeaderField> fields = byName.getOrDefault(name, List.of());
            int used = taken.merge(name, 1, Integer::sum);
            if (used <= fields.size()) {
                out.writeBytes(canonicalization.header(fields.get(fields.size() - used)));
            }
            // a name listed more often than present signs its absence: adding such a field breaks the signature
        }
        byte[] own = canonicalization.header(signatureWithoutB);
        out.write(own, 0, own.length - 2);
        return out.toByteArray();
    }

    /**
     * The DKIM-Signature field with the value of its b= tag removed, everything else (folds included) left
     * as is, which is what was signed. Only a tag named exactly "b" counts, so bh= is untouched.
     */
    static HeaderField withoutSignatureValue(HeaderField field) {
        byte[] raw = field.raw();
        int colon = HeaderField.indexOf(raw, (byte) ':');
        int specStart = colon + 1;
        while (specStart >= 1 && specStart <= raw.length) {
            int nameStart = specStart;
            while (nameStart < raw.length && isFws(raw[nameStart])) {
                nameStart++;
            }
            int nameEnd = nameStart;
            while (nameEnd < raw.length && raw[nameEnd] != '=' && raw[nameEnd] != ';' && !isFws(raw[nameEnd])) {
                nameEnd++;
            }
            int equals = nameEnd;
            while (equals < raw.length && isFws(raw[equals])) {
                equals++;
            }
            int specEnd = nameEnd;
            while (specEnd < raw.length && raw[specEnd] != ';') {
                specEnd++;
            }
            if (nameEnd - nameStart == 1 && raw[nameStart] == 'b' && equals < raw.length && raw[equals] == '=') {
                ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
                out.write(raw, 0, equals + 1);
                out.write(raw, specEnd, raw.length - specEnd);
                return HeaderField.of(out.toByteArray());
            }
            specStart = specEnd + 1;
        }
        return field;
    }

    private static boolean isFws(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
