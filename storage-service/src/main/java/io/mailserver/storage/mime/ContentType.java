package io.mailserver.storage.mime;

import java.util.List;
import java.util.Optional;

/**
 * An effective Content-Type: type and subtype as written (RFC 2045 §5.1), parameters merged.
 * Missing or unparsable values fall back to the RFC 2045 §5.2 default {@code text/plain; charset=us-ascii}.
 */
public record ContentType(String type, String subtype, List<MimeParameter> parameters) {

    public static final ContentType TEXT_PLAIN = new ContentType("text", "plain",
            List.of(new MimeParameter("charset", "us-ascii")));
    /** The default inside multipart/digest (RFC 2046 §5.1.5). */
    public static final ContentType MESSAGE_RFC822 = new ContentType("message", "rfc822", List.of());

    public static ContentType parse(String unfoldedValue, ContentType fallback) {
        MimeParameters.Structured structured = MimeParameters.parse("Content-Type", unfoldedValue);
        String mime = structured.value();
        int slash = mime.indexOf('/');
        if (slash <= 0 || slash == mime.length() - 1) {
            return fallback;
        }
        String type = mime.substring(0, slash).strip();
        String subtype = mime.substring(slash + 1).strip();
        if (!isToken(type) || !isToken(subtype)) {
            return fallback;
        }
        return new ContentType(type, subtype, List.copyOf(structured.parameters()));
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 32 || c >= 127 || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    public boolean is(String type, String subtype) {
        return this.type.equalsIgnoreCase(type) && this.subtype.equalsIgnoreCase(subtype);
    }

    public boolean isMultipart() {
        return type.equalsIgnoreCase("multipart");
    }

    /** An encapsulated message whose structure IMAP describes: message/rfc822 and message/global (RFC 6532). */
    public boolean isMessage() {
        return is("message", "rfc822") || is("message", "global");
    }

    public boolean isText() {
        return type.equalsIgnoreCase("text");
    }

    public Optional<String> parameter(String name) {
        for (MimeParameter p : parameters) {
            if (p.name().equalsIgnoreCase(name)) {
                return Optional.of(p.value());
            }
        }
        return Optional.empty();
    }
}
