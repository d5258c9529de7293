package io.mailserver.smtp.mailauth.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * RFC 7208 §7 macro strings. One scanner serves validation at parse time (so a bad macro in a term
 * that is never reached is still a permerror) and expansion at evaluation time.
 */
final class MacroExpander {

    /** Enough for any address or name: a digit transformer above it changes nothing. */
    private static final int MAX_PARTS = 128;

    /**
     * What the macro letters stand for in one evaluation.
     *
     * @param domain the current domain: changes with include and redirect
     * @param validatedName the {@code p} macro's value; computed only if used, as it costs DNS lookups
     * @param receiver the {@code r} macro (exp only)
     */
    record Context(String sender, String localPart, String senderDomain, String domain, InetAddress ip, String helo,
            String receiver, Supplier<String> validatedName) {

        Context withDomain(String newDomain) {
            return new Context(sender, localPart, senderDomain, newDomain, ip, helo, receiver, validatedName);
        }
    }

    private MacroExpander() {
    }

    static void validate(String spec, boolean explanation) throws SpfSyntaxException {
        run(spec, null, explanation);
    }

    static String expand(String spec, Context context, boolean explanation) throws SpfSyntaxException {
        return run(spec, context, explanation);
    }

    private static String run(String spec, Context context, boolean explanation) throws SpfSyntaxException {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < spec.length()) {
            char c = spec.charAt(i);
            if (c != '%') {
                // macro-literal is %x21-24 / %x26-7E; the explanation string allows spaces as well
                if ((c < 0x21 || c > 0x7e) && !(explanation && c == ' ')) {
                    throw new SpfSyntaxException("invalid character in macro string");
                }
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= spec.length()) {
                throw new SpfSyntaxException("dangling %");
            }
            char next = spec.charAt(i + 1);
            switch (next) {
                case '%' -> out.append('%');
                case '_' -> out.append(' ');
                case '-' -> out.append("%20");
                case '{' -> {
                    int close = spec.indexOf('}', i + 2);
                    if (close < 0) {
                        throw new SpfSyntaxException("unterminated macro");
                    }
                    out.append(macro(spec.substring(i + 2, close), context, explanation));
                    i = close + 1;
                    continue;
                }
                default -> throw new SpfSyntaxException("invalid % escape");
            }
            i += 2;
        }
        return out.toString();
    }

    /** One {@code letter *DIGIT ["r"] *delimiter} body. */
    private static String macro(String body, Context context, boolean explanation) throws SpfSyntaxException {
        if (body.isEmpty()) {
            throw new SpfSyntaxException("empty macro");
        }
        char letter = body.charAt(0);
        char lower = Character.toLowerCase(letter);
        if ("slodiphv".indexOf(lower) < 0 && !(explanation && "crt".indexOf(lower) >= 0)) {
            throw new SpfSyntaxException("invalid macro letter");
        }
        int pos = 1;
        int digitsStart = pos;
        while (pos < body.length() && Character.isDigit(body.charAt(pos)) && body.charAt(pos) < 0x80) {
            pos++;
        }
        int keep = 0;
        if (pos > digitsStart) {
            String digits = body.substring(digitsStart, pos);
            // §7.3: a digit transformer must be nonzero; long ones only ever mean "all parts"
            keep = digits.length() > 3 ? MAX_PARTS : Math.min(Integer.parseInt(digits), MAX_PARTS);
            if (digits.chars().allMatch(ch -> ch == '0')) {
                throw new SpfSyntaxException("zero digit transformer");
            }
        }
        boolean reverse = false;
        if (pos < body.length() && (body.charAt(pos) == 'r' || body.charAt(pos) == 'R')) {
            reverse = true;
            pos++;
        }
        String delimiters = body.substring(pos);
        for (int d = 0; d < delimiters.length(); d++) {
            if (".-+,/_=".indexOf(delimiters.charAt(d)) < 0) {
                throw new SpfSyntaxException("invalid macro delimiter");
            }
        }
        if (context == null) {
            return "";
        }
        String value = transform(value(lower, context), keep, reverse, delimiters.isEmpty() ? "." : delimiters);
        return Character.isUpperCase(letter) ? urlEscape(value) : value;
    }

    private static String value(char letter, Context context) {
        return switch (letter) {
            case 's' -> context.sender();
            case 'l' -> context.localPart();
            case 'o' -> context.senderDomain();
            case 'd' -> context.domain();
            case 'i' -> dotted(context.ip());
            case 'p' -> context.validatedName().get();
            case 'v' -> context.ip() instanceof Inet4Address ? "in-addr" : "ip6";
            case 'h' -> context.helo();
            case 'c' -> context.ip().getHostAddress();
            case 'r' -> context.receiver() == null ? "unknown" : context.receiver();
            case 't' -> Long.toString(System.currentTimeMillis() / 1000);
            default -> throw new IllegalStateException("unreachable: letters are checked first");
        };
    }

    /** The {@code i} macro: dotted quad for IPv4, dot-separated nibbles for IPv6 (§7.3). */
    static String dotted(InetAddress ip) {
        byte[] bytes = ip.getAddress();
        StringBuilder out = new StringBuilder();
        if (bytes.length == 4) {
            for (byte b : bytes) {
                out.append(out.isEmpty() ? "" : ".").append(b & 0xff);
            }
        } else {
            for (byte b : bytes) {
                out.append(out.isEmpty() ? "" : ".").append(Character.forDigit((b >> 4) & 0xf, 16))
                        .append('.').append(Character.forDigit(b & 0xf, 16));
            }
        }
        return out.toString();
    }

    private static String transform(String value, int keep, boolean reverse, String delimiters) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (delimiters.indexOf(value.charAt(i)) >= 0) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        if (reverse) {
            Collections.reverse(parts);
        }
        if (keep > 0 && keep < parts.size()) {
            parts = parts.subList(parts.size() - keep, parts.size());
        }
        return String.join(".", parts);
    }

    /** Uppercase macro letters are URL-escaped (§7.3): all but RFC 3986 unreserved characters. */
    private static String urlEscape(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
