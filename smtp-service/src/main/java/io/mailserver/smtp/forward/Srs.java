package io.mailserver.smtp.forward;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Sender Rewriting Scheme, "Guarded" variant, byte for byte as Perl's Mail::SRS 0.31 (Mail::SRS::Guarded)
 * writes and reads it:
 *
 * <pre>
 *   SRS0=HHHH=TT=orig-domain=orig-local@forwarder          first forwarder
 *   SRS1=HHHH=prev-forwarder==HHHH=TT=orig-domain=orig-local@forwarder   any later forwarder
 * </pre>
 *
 * HHHH is the first 4 characters of the unpadded base64 of HMAC-SHA1 over the ASCII-lowercased fields
 * concatenated without separator: for SRS0 the timestamp, the original domain and the original local part; for
 * SRS1 the previous forwarder's domain and the rest of the SRS0 local part after its tag (starting with its
 * separator). TT is the day since the epoch modulo 1024 as two characters of the RFC 4648 base32 alphabet. The
 * separator after the tag is {@code =} in what we write; {@code +} and {@code -}, which Mail::SRS can be
 * configured to write instead, are read too.
 *
 * <p>The local part of the sender is chosen by whoever sends to the forwarding alias, so nothing that would need
 * quoting is ever embedded: a sender whose local part is not an RFC 5321 dot-string, whose domain is not a
 * hostname, which is not ASCII, or whose rewriting would pass the 254-octet path is returned unchanged.
 * Mail::SRS does not parse quoted local parts (its BUGS section says so) and would embed {@code "a b"} into the
 * middle of a new local part, producing an address no MTA accepts unquoted.
 *
 * <p>Immutable and thread-safe.
 */
public final class Srs {

    /** Mail::SRS's default MaxAge, in days; what callers use unless configured otherwise. */
    static final Duration DEFAULT_MAX_AGE = Duration.ofDays(21);

    static final int HASH_LENGTH = 4;
    /** Days are counted modulo 32 * 32: two base32 characters. */
    static final int TICK_SLOTS = 1024;
    /** RFC 5321 §4.5.3.1.3: a path is at most 256 octets including the angle brackets. */
    static final int MAX_ADDRESS = 254;
    static final int MIN_SECRET_LENGTH = 16;

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SEPARATOR = "=";
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
    /** HMAC-SHA1 is 20 bytes: 27 base64 characters without padding; Mail::SRS accepts any prefix of at least 4. */
    private static final int FULL_HASH_LENGTH = 27;

    private final List<byte[]> secrets;
    private final long maxAgeDays;
    private final Clock clock;

    /**
     * @param secrets first one signs, all verify (rotation: put the new secret first and keep the old one for
     *     maxAge); each at least 16 bytes
     * @param maxAge how long a rewritten address reverses (default used by the caller: 21 days); whole days,
     *     since the timestamp counts days, and less than 1024 days, since it wraps after that. As in Mail::SRS,
     *     an address made on day D reverses up to and including day D + maxAge.
     */
    public Srs(List<byte[]> secrets, Duration maxAge, Clock clock) {
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("SRS needs at least one secret");
        }
        List<byte[]> copies = new ArrayList<>(secrets.size());
        for (byte[] secret : secrets) {
            if (secret == null || secret.length < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("each SRS secret must be at least " + MIN_SECRET_LENGTH + " bytes");
            }
            copies.add(secret.clone());
        }
        if (maxAge == null || maxAge.isNegative() || maxAge.toDays() < 1 || maxAge.toDays() >= TICK_SLOTS
                || !maxAge.equals(Duration.ofDays(maxAge.toDays()))) {
            throw new IllegalArgumentException("SRS max age must be whole days from 1 to " + (TICK_SLOTS - 1) + ": " + maxAge);
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock");
        }
        this.secrets = List.copyOf(copies);
        this.maxAgeDays = maxAge.toDays();
        this.clock = clock;
    }

    /**
     * The sender rewritten for forwarding through forwardingDomain. "" (null reverse-path) stays "". An address
     * already SRS0 becomes SRS1 (the "guarded" scheme: SRS1=HHH=orig-forwarder-domain==HHH=TT=domain=local@
     * forwardingDomain); SRS1 stays SRS1 with the new hash. A sender in forwardingDomain itself is returned
     * unchanged, as Mail::SRS does without AlwaysRewrite: SPF already passes for it.
     *
     * <p>When the sender cannot be rewritten safely, it is returned unchanged: when the result would exceed 254
     * octets (its local part may pass RFC 5321's 64, a minimum to support that SRS adds about 25 octets to:
     * MTAs, Postfix and our MX among them, take longer ones, and keeping to it would leave most bounce addresses
     * of mailing services unrewritten), when its local part is not a dot-string (quoted, or with characters that
     * would need quoting), when its domain is not a hostname (an address literal, say), when it is not ASCII or
     * has no {@code @}. That is the lesser evil against refusing: the mail is then forwarded as it would be
     * without SRS, and at worst fails SPF at the destination (which may well not enforce it, or know us as a
     * forwarder), and bounces go straight back to the sender; refusing would lose a message the sender's own
     * domain might have been fine with, and an over-long or quoted rewrite would be rejected outright by strict
     * MTAs, with its bounces unroutable.
     *
     * @param forwardingDomain our domain the forwarded mail leaves from; must be a hostname
     */
    public String forward(String sender, String forwardingDomain) {
        if (!isHostname(forwardingDomain)) {
            throw new IllegalArgumentException("not a hostname: " + forwardingDomain);
        }
        if (sender == null || sender.isEmpty()) {
            return "";
        }
        int at = sender.lastIndexOf('@');
        if (at <= 0) {
            return sender;
        }
        String local = sender.substring(0, at);
        String domain = sender.substring(at + 1);
        if (!isDotString(local) || !isHostname(domain)) {
            return sender;
        }
        if (asciiLower(domain).equals(asciiLower(forwardingDomain))) {
            return sender;
        }
        String rewritten = rewrite(local, domain);
        if (rewritten.length() + 1 + forwardingDomain.length() > MAX_ADDRESS) {
            return sender;
        }
        return rewritten + "@" + forwardingDomain;
    }

    /** The new local part; its characters are those of the inputs, base64 and base32, so it is a dot-string. */
    private String rewrite(String local, String domain) {
        if (hasTag(local, "SRS1")) {
            // SRS1<sep>hash=previous-forwarder=rest: keep the forwarder and the rest, re-sign them with our secret
            String[] parts = local.substring(5).split(SEPARATOR, 3);
            if (parts.length == 3 && isHostname(parts[1]) && !parts[2].isEmpty()) {
                return "SRS1" + SEPARATOR + String.join(SEPARATOR, hash(secrets.get(0), parts[1], parts[2]), parts[1], parts[2]);
            }
            // Mail::SRS would write an SRS1 address without a forwarder, whose bounces nobody could route; an
            // SRS0 wrap keeps them coming back to us, and to the sender as it was.
        } else if (hasTag(local, "SRS0")) {
            // The SRS0 forwarder signed it with its secret, which we cannot check; we guard it and name its domain.
            String rest = local.substring(4); // from the separator on, as Mail::SRS keeps it
            return "SRS1" + SEPARATOR + String.join(SEPARATOR, hash(secrets.get(0), domain, rest), domain, rest);
        }
        String timestamp = timestamp(today());
        return "SRS0" + SEPARATOR + String.join(SEPARATOR, hash(secrets.get(0), timestamp, domain, local), timestamp, domain, local);
    }

    /**
     * For a recipient address: the address a bounce to it goes to, when it is a valid SRS0 (original sender, if
     * hash ok and timestamp within maxAge) or SRS1 (the SRS0 address at the previous forwarder, hash ok); empty
     * when not SRS, bad hash, expired, malformed, or when what it decodes to is not a plain ASCII dot-string
     * mailbox at a hostname. Case-insensitive on the SRS0/SRS1 tag, the hash and the timestamp (Mail::SRS
     * compares hashes case-insensitively as some MTAs lowercase local parts). The domain of the address itself
     * is not looked at: which domains are ours is the caller's business.
     */
    public Optional<String> reverse(String address) {
        if (address == null || address.length() > MAX_ADDRESS || !isPrintableAscii(address)) {
            return Optional.empty();
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return Optional.empty();
        }
        String local = address.substring(0, at);
        if (hasTag(local, "SRS1")) {
            String[] parts = local.substring(5).split(SEPARATOR, 3);
            if (parts.length < 3 || !verify(parts[0], parts[1], parts[2]) || !hasTag("SRS0" + parts[2], "SRS0")) {
                return Optional.empty();
            }
            return mailbox("SRS0" + parts[2], parts[1]);
        }
        if (hasTag(local, "SRS0")) {
            String[] parts = local.substring(5).split(SEPARATOR, 4);
            if (parts.length < 4 || !verify(parts[0], parts[1], parts[2], parts[3]) || !timestampValid(parts[1])) {
                return Optional.empty();
            }
            return mailbox(parts[3], parts[2]);
        }
        return Optional.empty();
    }

    /**
     * Whether the local part starts with SRS0 or SRS1 and one of Mail::SRS's separators {@code = + -} (any case),
     * so a caller can tell "not SRS" from "invalid SRS": {@link #reverse} is empty whenever this is false.
     */
    static boolean looksLikeSrs(String address) {
        if (address == null) {
            return false;
        }
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        return hasTag(local, "SRS0") || hasTag(local, "SRS1");
    }

    private static boolean hasTag(String local, String tag) {
        return local.length() > tag.length() && local.regionMatches(true, 0, tag, 0, tag.length())
                && "=+-".indexOf(local.charAt(tag.length())) >= 0;
    }

    private static Optional<String> mailbox(String local, String domain) {
        if (!isDotString(local) || !isHostname(domain)
                || local.length() + 1 + domain.length() > MAX_ADDRESS) {
            return Optional.empty();
        }
        return Optional.of(local + "@" + domain);
    }

    // --- hash -------------------------------------------------------------------------------------------------

    /** Mail::SRS's hash_create: HMAC-SHA1 over each field lowercased, concatenated; unpadded base64, truncated. */
    private static String hash(byte[] secret, String... fields) {
        return fullHash(secret, fields).substring(0, HASH_LENGTH);
    }

    private static String fullHash(byte[] secret, String... fields) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            for (String field : fields) {
                mac.update(asciiLower(field).getBytes(StandardCharsets.US_ASCII));
            }
            return Base64.getEncoder().withoutPadding().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every Java platform", e);
        }
    }

    /**
     * Mail::SRS's hash_verify: any prefix of at least 4 characters of the full hash, under any of the secrets,
     * compared without regard to case (both sides lowercased, compared in constant time).
     */
    private boolean verify(String hash, String... fields) {
        if (hash.length() < HASH_LENGTH || hash.length() > FULL_HASH_LENGTH) {
            return false;
        }
        byte[] given = asciiLower(hash).getBytes(StandardCharsets.US_ASCII);
        boolean valid = false;
        for (byte[] secret : secrets) {
            byte[] expected = asciiLower(fullHash(secret, fields).substring(0, hash.length())).getBytes(StandardCharsets.US_ASCII);
            valid |= MessageDigest.isEqual(given, expected);
        }
        return valid;
    }

    // --- timestamp --------------------------------------------------------------------------------------------

    private long today() {
        return Math.floorDiv(clock.millis(), DAY_MILLIS);
    }

    /** Mail::SRS's timestamp_create: the day modulo 1024, high base32 digit first. */
    static String timestamp(long day) {
        int slot = (int) Math.floorMod(day, TICK_SLOTS);
        return new String(new char[] {BASE32.charAt(slot >> 5), BASE32.charAt(slot & 31)});
    }

    /**
     * Mail::SRS's timestamp_check: the day it names, taken as the latest such day modulo 1024 not after today,
     * is at most maxAge days ago. Stricter than Mail::SRS on form: exactly two base32 characters (any case),
     * where Mail::SRS reads any length and counts a foreign character as 0.
     */
    private boolean timestampValid(String timestamp) {
        if (timestamp.length() != 2) {
            return false;
        }
        int high = BASE32.indexOf(asciiUpper(timestamp.charAt(0)));
        int low = BASE32.indexOf(asciiUpper(timestamp.charAt(1)));
        if (high < 0 || low < 0) {
            return false;
        }
        long then = high * 32L + low;
        long now = Math.floorMod(today(), TICK_SLOTS);
        if (now < then) {
            now += TICK_SLOTS;
        }
        return now <= then + maxAgeDays;
    }

    // --- syntax -----------------------------------------------------------------------------------------------

    /** RFC 5322 atext: what an RFC 5321 Atom is made of. */
    private static boolean isAtext(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    /** RFC 5321 Dot-string: Atom *("." Atom), so no quoting, spaces, controls, brackets or empty atoms. */
    static boolean isDotString(String s) {
        if (s.isEmpty() || s.charAt(0) == '.' || s.charAt(s.length() - 1) == '.') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' ? s.charAt(i - 1) == '.' : !isAtext(c)) {
                return false;
            }
        }
        return true;
    }

    /** Letters, digits and hyphens in dot-separated labels of 1 to 63, not starting or ending with a hyphen. */
    static boolean isHostname(String s) {
        if (s == null || s.isEmpty() || s.length() > 253) {
            return false;
        }
        for (String label : s.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Perl's lc on a byte string: A-Z only, whatever the default locale. */
    private static String asciiLower(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] += 'a' - 'A';
            }
        }
        return new String(chars);
    }

    private static char asciiUpper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
    }
}
