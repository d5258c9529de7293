package io.mailserver.smtp.outbound.mtasts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A domain's MTA-STS policy (RFC 8461 §3.2), as fetched from
 * {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}.
 *
 * @param mode   what a sender does when an MX host fails the policy
 * @param mx     the MX host patterns (a name, or {@code *.} and a name for exactly one more label)
 * @param maxAge how long a sender keeps the policy
 */
public record StsPolicy(Mode mode, List<String> mx, Duration maxAge) {

    /** RFC 8461 §3.2: at most about a year. */
    static final long MAX_AGE_SECONDS = 31_557_600;
    /** A policy body larger than this is not read (the RFC sets no limit; 64 KiB is ample for any real one). */
    public static final int MAX_BYTES = 64 * 1024;
    /** More mx lines than any real policy has; bounds what one cached policy holds. */
    private static final int MAX_PATTERNS = 32;

    public enum Mode {
        /** Deliver only to matching MX hosts over TLS with a valid certificate. */
        ENFORCE,
        /** Deliver as without a policy, but the failures are worth reporting. */
        TESTING,
        /** The domain withdrew its policy. */
        NONE
    }

    public StsPolicy {
        mx = List.copyOf(mx);
    }

    /** Thrown for a body that is not a valid policy (the sender then acts as if there were none). */
    public static final class InvalidPolicy extends Exception {
        InvalidPolicy(String message) {
            super(message);
        }
    }

    /**
     * Parses a policy body: {@code key: value} lines ending in CRLF or LF; version, mode and max_age
     * required (the first of each counts), at least one mx unless the mode is none; unknown keys and
     * blank lines ignored (§3.2).
     */
    public static StsPolicy parse(String body) throws InvalidPolicy {
        String version = null;
        Mode mode = null;
        Long maxAge = null;
        List<String> mx = new ArrayList<>();
        for (String line : body.split("\r?\n", -1)) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new InvalidPolicy("a line without a key");
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "version" -> version = version != null ? version : value;
                case "mode" -> mode = mode != null ? mode : mode(value);
                case "max_age" -> maxAge = maxAge != null ? maxAge : maxAge(value);
                case "mx" -> {
                    String pattern = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
                    if (mx.size() == MAX_PATTERNS || !pattern(pattern)) {
                        throw new InvalidPolicy("an mx pattern that is not a host name, or too many");
                    }
                    mx.add(pattern.toLowerCase(Locale.ROOT));
                }
                default -> {
                    // extension keys are ignored
                }
            }
        }
        if (!"STSv1".equals(version) || mode == null || maxAge == null) {
            throw new InvalidPolicy("version STSv1, mode and max_age are required");
        }
        if (mx.isEmpty() && mode != Mode.NONE) {
            throw new InvalidPolicy("a policy in " + mode.name().toLowerCase(Locale.ROOT) + " mode names no mx");
        }
        return new StsPolicy(mode, mx, Duration.ofSeconds(maxAge));
    }

    /**
     * Whether {@code host} (an MX host name from DNS) is one the policy allows (§4.1): equal to a
     * pattern, or one label more than a wildcard pattern's suffix.
     */
    public boolean permits(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        for (String pattern : mx) {
            if (pattern.startsWith("*.")) {
                String suffix = pattern.substring(1);
                int firstDot = name.indexOf('.');
                if (firstDot > 0 && name.substring(firstDot).equals(suffix)) {
                    return true;
                }
            } else if (pattern.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Mode mode(String value) throws InvalidPolicy {
        return switch (value) {
            case "enforce" -> Mode.ENFORCE;
            case "testing" -> Mode.TESTING;
            case "none" -> Mode.NONE;
            default -> throw new InvalidPolicy("unknown mode");
        };
    }

    private static Long maxAge(String value) throws InvalidPolicy {
        if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidPolicy("max_age must be a number of seconds");
        }
        // §3.2: up to 31557600; a larger value is read as the maximum rather than refusing the policy
        return Math.min(Long.parseLong(value), MAX_AGE_SECONDS);
    }

    /** A host name in LDH labels, optionally behind {@code *.}; nothing else may stand in an mx line. */
    private static boolean pattern(String value) {
        String name = value.startsWith("*.") ? value.substring(2) : value;
        if (name.isEmpty() || name.length() > 253 || name.endsWith(".")) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")
                    || !label.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
                return false;
            }
        }
        return true;
    }
}
