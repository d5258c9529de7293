package io.mailserver.smtp.mailauth.dkim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A DKIM-Signature field's tags, checked against RFC 6376 §3.5 and §6.1.1 before any DNS query is made.
 *
 * @param domain d=, lower-cased
 * @param identity i=, defaulting to {@code @} + d=
 * @param signedHeaders h=, lower-cased, in order (repeats are meaningful)
 * @param bodyLength l=, or -1 when the whole body is signed
 * @param encodedSignature b= without whitespace, whose start names the signature in Authentication-Results
 */
record DkimSignature(
        DkimAlgorithm algorithm,
        Canonicalization headerCanonicalization,
        Canonicalization bodyCanonicalization,
        String domain,
        String selector,
        String identity,
        List<String> signedHeaders,
        byte[] bodyHash,
        byte[] signature,
        String encodedSignature,
        long bodyLength,
        Optional<Instant> timestamp,
        Optional<Instant> expiration) {

    /** More h= entries than any real signer lists; bounds the header hash work per signature. */
    static final int MAX_SIGNED_HEADERS = 256;

    DkimSignature {
        signedHeaders = List.copyOf(signedHeaders);
    }

    static DkimSignature parse(TagList tags, Instant now) throws DkimSyntaxException {
        String version = tags.require("v");
        if (!version.equals("1")) {
            throw new DkimSyntaxException("unsupported version v=" + version);
        }
        return parseTags(tags, now, false);
    }

    /**
     * An ARC-Message-Signature (RFC 8617 §4.1.2): a DKIM-Signature without v=, whose i= is the ARC
     * instance (checked by the caller) rather than an identity, and whose h= may not name ARC-Seal.
     */
    static DkimSignature parseArcMessageSignature(TagList tags, Instant now) throws DkimSyntaxException {
        if (tags.get("v").isPresent()) {
            throw new DkimSyntaxException("v= in an ARC-Message-Signature");
        }
        DkimSignature signature = parseTags(tags, now, true);
        if (signature.signedHeaders().contains("arc-seal")) {
            throw new DkimSyntaxException("an ARC-Message-Signature may not sign ARC-Seal");
        }
        return signature;
    }

    private static DkimSignature parseTags(TagList tags, Instant now, boolean arc) throws DkimSyntaxException {
        String a = tags.require("a");
        DkimAlgorithm algorithm = DkimAlgorithm.ofTag(a)
                .orElseThrow(() -> new DkimSyntaxException("unsupported algorithm a=" + printable(a)));
        String encodedSignature = TagList.withoutFws(tags.require("b"));
        byte[] signature = base64(encodedSignature, "b");
        byte[] bodyHash = base64(TagList.withoutFws(tags.require("bh")), "bh");
        if (signature.length == 0 || bodyHash.length != 32) {
            throw new DkimSyntaxException("empty b= or a bh= that is not a SHA-256 hash");
        }
        String domain = tags.require("d").toLowerCase(Locale.ROOT);
        if (!isDomainName(domain)) {
            throw new DkimSyntaxException("bad d= domain");
        }
        String selector = tags.require("s").toLowerCase(Locale.ROOT);
        if (!isDomainName(selector)) {
            throw new DkimSyntaxException("bad s= selector");
        }
        List<String> signedHeaders = signedHeaders(tags.require("h"));
        Canonicalization[] canonicalization = canonicalization(tags.get("c").orElse("simple/simple"));
        String identity = arc ? "@" + domain : tags.get("i").orElse("@" + domain);
        checkIdentity(identity, domain);
        long bodyLength = tags.get("l").isPresent() ? number(tags.get("l").get(), 76, "l") : -1;
        Optional<String> query = tags.get("q");
        if (query.isPresent() && !List.of(TagList.withoutFws(query.get()).toLowerCase(Locale.ROOT).split(":")).contains("dns/txt")) {
            throw new DkimSyntaxException("no supported query method in q=");
        }
        Optional<Instant> timestamp = time(tags, "t");
        Optional<Instant> expiration = time(tags, "x");
        if (timestamp.isPresent() && expiration.isPresent() && !expiration.get().isAfter(timestamp.get())) {
            throw new DkimSyntaxException("x= is not after t=");
        }
        if (expiration.isPresent() && expiration.get().isBefore(now)) {
            throw new DkimSyntaxException("signature expired");
        }
        return new DkimSignature(algorithm, canonicalization[0], canonicalization[1], domain, selector, identity,
                signedHeaders, bodyHash, signature, encodedSignature, bodyLength, timestamp, expiration);
    }

    /** The DNS name of the key record: {@code <s>._domainkey.<d>}. */
    String keyName() {
        return selector + "._domainkey." + domain;
    }

    /** The domain part of i=, which t=s in the key record requires to equal d= exactly. */
    String identityDomain() {
        return identity.substring(identity.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    private static List<String> signedHeaders(String h) throws DkimSyntaxException {
        String[] names = TagList.withoutFws(h).toLowerCase(Locale.ROOT).split(":", -1);
        if (names.length > MAX_SIGNED_HEADERS) {
            throw new DkimSyntaxException("more than " + MAX_SIGNED_HEADERS + " names in h=");
        }
        List<String> result = new ArrayList<>(names.length);
        for (String name : names) {
            if (name.isEmpty()) {
                throw new DkimSyntaxException("empty name in h=");
            }
            result.add(name);
        }
        if (!result.contains("from")) {
            throw new DkimSyntaxException("h= does not sign From"); // RFC 6376 §5.4
        }
        return result;
    }

    private static Canonicalization[] canonicalization(String c) throws DkimSyntaxException {
        String[] parts = TagList.withoutFws(c).split("/", -1);
        if (parts.length > 2) {
            throw new DkimSyntaxException("bad c= value");
        }
        Canonicalization header = Canonicalization.ofTag(parts[0])
                .orElseThrow(() -> new DkimSyntaxException("unknown header canonicalization"));
        Canonicalization body = parts.length == 1 ? Canonicalization.SIMPLE
                : Canonicalization.ofTag(parts[1]).orElseThrow(() -> new DkimSyntaxException("unknown body canonicalization"));
        return new Canonicalization[] {header, body};
    }

    /** i= must be d= or a subdomain of it (RFC 6376 §6.1.1); its local part is opaque. */
    private static void checkIdentity(String identity, String domain) throws DkimSyntaxException {
        int at = identity.lastIndexOf('@');
        if (at < 0) {
            throw new DkimSyntaxException("i= has no @");
        }
        String identityDomain = identity.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!identityDomain.equals(domain) && !identityDomain.endsWith("." + domain)) {
            throw new DkimSyntaxException("i= domain is not within d=");
        }
    }

    private static Optional<Instant> time(TagList tags, String name) throws DkimSyntaxException {
        Optional<String> value = tags.get(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        // 12 digits (RFC 6376 §3.5) is year 33658; Instant holds it
        return Optional.of(Instant.ofEpochSecond(number(value.get(), 12, name)));
    }

    /**
     * A decimal count. More than 18 digits cannot be held in a long; for l= that length could not be
     * a real body anyway, so refusing it loses nothing.
     */
    private static long number(String value, int maxDigits, String name) throws DkimSyntaxException {
        if (value.isEmpty() || value.length() > Math.min(maxDigits, 18)) {
            throw new DkimSyntaxException("bad " + name + "= number");
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                throw new DkimSyntaxException("bad " + name + "= number");
            }
        }
        return Long.parseLong(value);
    }

    private static byte[] base64(String value, String name) throws DkimSyntaxException {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new DkimSyntaxException("bad base64 in " + name + "=");
        }
    }

    /**
     * Whether {@code name} is a dot-separated sequence of DNS labels: letters, digits, hyphens and the
     * underscores selectors sometimes use. Checked before it becomes part of a DNS query.
     */
    static boolean isDomainName(String name) {
        if (name == null || name.isEmpty() || name.length() > 253) {
            return false;
        }
        int labelLength = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (labelLength == 0) {
                    return false;
                }
                labelLength = 0;
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
                if (++labelLength > 63) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return labelLength > 0;
    }

    private static String printable(String s) {
        String shown = s.replaceAll("[^\\x21-\\x7e]", "?");
        return shown.length() <= 20 ? shown : shown.substring(0, 20) + "...";
    }
}
