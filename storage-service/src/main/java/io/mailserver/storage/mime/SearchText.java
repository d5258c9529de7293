package io.mailserver.storage.mime;

import io.mailserver.contracts.storage.v1.Address;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * The text SEARCH works on, made once at delivery: header lines unfolded and RFC 2047-decoded, and
 * the decoded text of every text/* part (transfer encoding and charset undone, HTML tags dropped),
 * both bounded in size.
 */
public final class SearchText {

    private static final Pattern SCRIPT = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]{1,6});");

    private SearchText() {
    }

    /** Fields whose value SEARCH matches as addresses (RFC 9051 §6.4.4 FROM, TO, CC, BCC and their kin). */
    private static final Set<String> ADDRESS_FIELDS = Set.of("from", "to", "cc", "bcc", "sender", "reply-to",
            "resent-from", "resent-to", "resent-cc", "resent-bcc", "resent-sender");

    /**
     * "Name: decoded value" lines, one per field, at most {@code limit} characters. Address fields are
     * written as their parsed addresses, {@code Display Name <local@domain>}, so a search for an
     * address finds it however the sender wrote it (comments, spacing, the old {@code addr (Name)}).
     */
    public static String headers(HeaderBlock header, int limit) {
        StringBuilder out = new StringBuilder();
        for (HeaderField field : header.fields()) {
            String value = header.value(field);
            if (ADDRESS_FIELDS.contains(field.name().toLowerCase(Locale.ROOT))) {
                String addresses = addresses(value);
                if (!addresses.isEmpty()) {
                    value = addresses;
                }
            }
            String decoded;
            try {
                decoded = DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
            } catch (RuntimeException e) {
                decoded = value;
            }
            String line = field.name() + ": " + decoded.replace('\n', ' ').replace('\r', ' ') + "\n";
            if (out.length() + line.length() > limit) {
                break;
            }
            out.append(line);
        }
        return HeaderText.withoutNul(out.toString());
    }

    private static String addresses(String value) {
        StringBuilder out = new StringBuilder();
        for (Address address : AddressLists.parse(value)) {
            if (!address.hasHost()) {
                // group syntax: a start (with its name) or an end marker
                if (address.hasMailbox()) {
                    out.append(out.isEmpty() ? "" : ", ").append(address.getMailbox()).append(':');
                } else {
                    out.append(';');
                }
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(", ");
            } else if (!out.isEmpty()) {
                out.append(' ');
            }
            if (address.hasName()) {
                out.append(address.getName()).append(' ');
            }
            out.append('<').append(address.getMailbox());
            if (!address.getHost().isEmpty()) {
                out.append('@').append(address.getHost());
            }
            out.append('>');
        }
        return out.toString();
    }

    /** Decoded text of the text/* parts, at most {@code limit} characters. */
    public static String body(MimePart root, byte[] raw, int limit) {
        StringBuilder out = new StringBuilder();
        collect(root, raw, limit, out);
        return HeaderText.withoutNul(out.toString());
    }

    private static void collect(MimePart part, byte[] raw, int limit, StringBuilder out) {
        if (out.length() >= limit) {
            return;
        }
        if (!part.children().isEmpty()) {
            for (MimePart child : part.children()) {
                collect(child, raw, limit, out);
            }
            return;
        }
        if (part.message() != null) {
            collect(part.message(), raw, limit, out);
            return;
        }
        if (!part.contentType().isText()) {
            return;
        }
        String text = decode(part, raw, limit - out.length());
        if (part.contentType().subtype().equalsIgnoreCase("html")) {
            text = stripHtml(text);
        }
        out.append(text, 0, Math.min(text.length(), limit - out.length())).append('\n');
    }

    private static String decode(MimePart part, byte[] raw, int maxChars) {
        String encoding = part.header().value("Content-Transfer-Encoding").orElse("").toLowerCase(Locale.ROOT);
        byte[] bytes;
        int maxBytes = (int) Math.min(Integer.MAX_VALUE - 16L, maxChars * 4L);
        try (InputStream in = transferDecoded(encoding, raw, part.bodyOffset(), part.bodySize())) {
            bytes = in.readNBytes(maxBytes);
        } catch (IOException | RuntimeException e) {
            bytes = java.util.Arrays.copyOfRange(raw, part.bodyOffset(),
                    part.bodyOffset() + Math.min(part.bodySize(), maxBytes));
        }
        return charsetDecoded(bytes, part.contentType().parameter("charset").orElse(""));
    }

    private static InputStream transferDecoded(String encoding, byte[] raw, int from, int length) {
        InputStream in = new ByteArrayInputStream(raw, from, length);
        return switch (encoding) {
            case "base64" -> new Base64InputStream(in, DecodeMonitor.SILENT);
            case "quoted-printable" -> new QuotedPrintableInputStream(in, DecodeMonitor.SILENT);
            default -> in;
        };
    }

    private static String charsetDecoded(byte[] bytes, String charsetName) {
        Charset charset = null;
        if (!charsetName.isBlank()) {
            try {
                charset = Charset.forName(charsetName.strip());
            } catch (RuntimeException e) {
                charset = null;
            }
        }
        if (charset == null || charset.equals(StandardCharsets.US_ASCII)) {
            // undeclared or plain ASCII: 8-bit bytes are most likely UTF-8, else Latin-1
            return HeaderText.decode(bytes, 0, bytes.length, false);
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    static String stripHtml(String html) {
        String text = SCRIPT.matcher(html).replaceAll(" ");
        text = TAG.matcher(text).replaceAll(" ");
        text = NUMERIC_ENTITY.matcher(text).replaceAll(m -> {
            try {
                int cp = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
                return Character.isValidCodePoint(cp) && cp != 0
                        ? java.util.regex.Matcher.quoteReplacement(new String(Character.toChars(cp))) : " ";
            } catch (NumberFormatException e) {
                return " ";
            }
        });
        return text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }

    /**
     * Text as SEARCH compares it: lower-cased without regard to locale, for the query folded the same
     * way; IMAP asks for case-insensitive matching (RFC 9051 §6.4.4), and doing it here keeps it
     * independent of the database's collation.
     */
    public static String folded(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
