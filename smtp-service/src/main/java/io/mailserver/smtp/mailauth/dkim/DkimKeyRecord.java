package io.mailserver.smtp.mailauth.dkim;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A DKIM key record (RFC 6376 §3.6.1), the TXT value at {@code <selector>._domainkey.<domain>}.
 *
 * @param keyType k=, "rsa" when absent
 * @param publicKey p= decoded; empty means the key was revoked
 * @param testing t=y: the domain is testing DKIM, so a failure must not count against the message
 * @param strict t=s: i= must use d= itself, not a subdomain
 */
record DkimKeyRecord(String keyType, byte[] publicKey, boolean testing, boolean strict) {

    static DkimKeyRecord parse(String text) throws DkimSyntaxException {
        TagList tags = TagList.parse(text);
        if (tags.get("v").isPresent()) {
            if (!tags.get("v").get().equals("DKIM1") || !tags.names().iterator().next().equals("v")) {
                throw new DkimSyntaxException("key record v= is not a leading DKIM1");
            }
        }
        if (tags.get("h").isPresent() && !colonList(tags.get("h").get()).contains("sha256")) {
            throw new DkimSyntaxException("key record h= excludes sha256");
        }
        if (tags.get("s").isPresent()) {
            List<String> services = colonList(tags.get("s").get());
            if (!services.contains("*") && !services.contains("email")) {
                throw new DkimSyntaxException("key record is not for email");
            }
        }
        List<String> flags = colonList(tags.get("t").orElse(""));
        String p = TagList.withoutFws(tags.require("p"));
        byte[] publicKey;
        try {
            publicKey = Base64.getDecoder().decode(p);
        } catch (IllegalArgumentException e) {
            throw new DkimSyntaxException("bad base64 in key record p=");
        }
        return new DkimKeyRecord(tags.get("k").orElse("rsa").toLowerCase(Locale.ROOT), publicKey,
                flags.contains("y"), flags.contains("s"));
    }

    boolean revoked() {
        return publicKey.length == 0;
    }

    private static List<String> colonList(String value) {
        return List.of(TagList.withoutFws(value).toLowerCase(Locale.ROOT).split(":"));
    }
}
