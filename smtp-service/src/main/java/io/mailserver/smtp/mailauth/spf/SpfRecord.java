package io.mailserver.smtp.mailauth.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code v=spf1} record (RFC 7208 §4.6, §12 ABNF). The whole record is parsed before anything
 * is evaluated: a syntax error anywhere is a permerror, even after a matching mechanism (§4.6).
 *
 * @param redirect the redirect modifier's domain spec, or {@code null}
 * @param explanation the exp modifier's domain spec, or {@code null}; parsed, not fetched
 */
record SpfRecord(List<Directive> directives, String redirect, String explanation) {

    private static final Pattern MODIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9._-]*)=(.*)", Pattern.DOTALL);
    private static final Pattern MECHANISM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");
    // the lazy prefix leaves the longest cidr suffix to the groups: "a:x.com/24//64" → x.com, 24, 64
    private static final Pattern DUAL_CIDR = Pattern.compile("(.*?)(?:/(0|[1-9][0-9]{0,2}))?(?://(0|[1-9][0-9]{0,2}))?",
            Pattern.DOTALL);
    private static final Pattern IP4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IP6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern TOPLABEL = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9]+|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9]");

    SpfRecord {
        directives = List.copyOf(directives);
    }

    /** Whether a TXT record is an SPF record at all: {@code v=spf1} alone or followed by a space (§4.5). */
    static boolean isSpf(String txt) {
        return txt.regionMatches(true, 0, "v=spf1", 0, 6) && (txt.length() == 6 || txt.charAt(6) == ' ');
    }

    boolean hasAll() {
        return directives.stream().anyMatch(d -> d.mechanism() instanceof Mechanism.All);
    }

    static SpfRecord parse(String txt) throws SpfSyntaxException {
        if (!isSpf(txt)) {
            throw new SpfSyntaxException("not an SPF record");
        }
        List<Directive> directives = new ArrayList<>();
        String redirect = null;
        String explanation = null;
        for (String term : txt.substring(6).split(" ")) {
            if (term.isEmpty()) {
                continue;
            }
            Matcher modifier = MODIFIER.matcher(term);
            if (modifier.matches() && !isMechanismWithArgument(term)) {
                String name = modifier.group(1).toLowerCase(Locale.ROOT);
                String value = modifier.group(2);
                switch (name) {
                    case "redirect" -> {
                        if (redirect != null) {
                            throw new SpfSyntaxException("more than one redirect modifier");
                        }
                        redirect = domainSpec(value);
                    }
                    case "exp" -> {
                        if (explanation != null) {
                            throw new SpfSyntaxException("more than one exp modifier");
                        }
                        explanation = domainSpec(value);
                    }
                    // unknown modifiers are ignored (§6), but their value must still be a macro-string
                    default -> MacroExpander.validate(value, false);
                }
            } else {
                directives.add(directive(term));
            }
        }
        return new SpfRecord(directives, redirect, explanation);
    }

    /** "a:x=y" is the a mechanism whose domain contains '=', not a modifier named "a:x". */
    private static boolean isMechanismWithArgument(String term) {
        int equals = term.indexOf('=');
        int colon = term.indexOf(':');
        int slash = term.indexOf('/');
        return (colon >= 0 && colon < equals) || (slash >= 0 && slash < equals);
    }

    private static Directive directive(String term) throws SpfSyntaxException {
        SpfResult onMatch = switch (term.charAt(0)) {
            case '+' -> SpfResult.PASS;
            case '-' -> SpfResult.FAIL;
            case '~' -> SpfResult.SOFTFAIL;
            case '?' -> SpfResult.NEUTRAL;
            default -> null;
        };
        String body = onMatch == null ? term : term.substring(1);
        int end = 0;
        while (end < body.length() && body.charAt(end) != ':' && body.charAt(end) != '/') {
            end++;
        }
        String name = body.substring(0, end);
        if (!MECHANISM_NAME.matcher(name).matches()) {
            throw new SpfSyntaxException("malformed term");
        }
        String rest = body.substring(end);
        Mechanism mechanism = switch (name.toLowerCase(Locale.ROOT)) {
            case "all" -> {
                requireEmpty(rest);
                yield new Mechanism.All();
            }
            case "include" -> new Mechanism.Include(requiredDomainSpec(rest));
            case "exists" -> new Mechanism.Exists(requiredDomainSpec(rest));
            case "ptr" -> new Mechanism.Ptr(rest.isEmpty() ? null : requiredDomainSpec(rest));
            case "a", "mx" -> addressMechanism(name.equalsIgnoreCase("mx"), rest);
            case "ip4" -> ip4(rest);
            case "ip6" -> ip6(rest);
            default -> throw new SpfSyntaxException("unknown mechanism");
        };
        return new Directive(onMatch == null ? SpfResult.PASS : onMatch, mechanism);
    }

    private static void requireEmpty(String rest) throws SpfSyntaxException {
        if (!rest.isEmpty()) {
            throw new SpfSyntaxException("unexpected argument");
        }
    }

    private static String requiredDomainSpec(String rest) throws SpfSyntaxException {
        if (!rest.startsWith(":")) {
            throw new SpfSyntaxException("missing domain");
        }
        return domainSpec(rest.substring(1));
    }

    private static Mechanism addressMechanism(boolean mx, String rest) throws SpfSyntaxException {
        if (!rest.isEmpty() && !rest.startsWith(":") && !rest.startsWith("/")) {
            throw new SpfSyntaxException("malformed a/mx");
        }
        Matcher cidr = DUAL_CIDR.matcher(rest.startsWith(":") ? rest.substring(1) : rest);
        if (!cidr.matches()) {
            throw new SpfSyntaxException("malformed cidr");
        }
        String spec = null;
        if (rest.startsWith(":")) {
            spec = domainSpec(cidr.group(1));
        } else if (!cidr.group(1).isEmpty()) {
            throw new SpfSyntaxException("malformed cidr");
        }
        int cidr4 = length(cidr.group(2), 32);
        int cidr6 = length(cidr.group(3), 128);
        return mx ? new Mechanism.Mx(spec, cidr4, cidr6) : new Mechanism.A(spec, cidr4, cidr6);
    }

    private static int length(String digits, int max) throws SpfSyntaxException {
        if (digits == null) {
            return max;
        }
        int value = Integer.parseInt(digits);
        if (value > max) {
            throw new SpfSyntaxException("cidr length out of range");
        }
        return value;
    }

    private static Mechanism ip4(String rest) throws SpfSyntaxException {
        String[] parts = network(rest);
        Matcher quad = IP4.matcher(parts[0]);
        if (!quad.matches()) {
            throw new SpfSyntaxException("malformed ip4");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(quad.group(i + 1));
            if (octet > 255) {
                throw new SpfSyntaxException("malformed ip4");
            }
            bytes[i] = (byte) octet;
        }
        return new Mechanism.Ip(bytes, prefix(parts[1], 32));
    }

    private static Mechanism ip6(String rest) throws SpfSyntaxException {
        String[] parts = network(rest);
        // the character check keeps InetAddress from ever treating the text as a host name to resolve
        if (!IP6.matcher(parts[0]).matches() || parts[0].indexOf(':') < 0) {
            throw new SpfSyntaxException("malformed ip6");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(parts[0]);
        } catch (UnknownHostException e) {
            throw new SpfSyntaxException("malformed ip6");
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            // Java folds ::ffff:a.b.c.d to IPv4; an ip6 network stays in the IPv6 space
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        return new Mechanism.Ip(bytes, prefix(parts[1], 128));
    }

    private static String[] network(String rest) throws SpfSyntaxException {
        if (!rest.startsWith(":")) {
            throw new SpfSyntaxException("missing network");
        }
        String value = rest.substring(1);
        int slash = value.indexOf('/');
        return slash < 0 ? new String[] {value, null} : new String[] {value.substring(0, slash), value.substring(slash + 1)};
    }

    private static int prefix(String digits, int max) throws SpfSyntaxException {
        if (digits == null) {
            return max;
        }
        if (!digits.matches("0|[1-9][0-9]{0,2}")) {
            throw new SpfSyntaxException("malformed cidr length");
        }
        return length(digits, max);
    }

    /**
     * A domain-spec (§7.1): a macro-string ending in a macro or in a dotted top label that is not all
     * digits, so "a:com" or "a:foo.1" are syntax errors before any lookup.
     */
    private static String domainSpec(String spec) throws SpfSyntaxException {
        if (spec.isEmpty()) {
            throw new SpfSyntaxException("empty domain");
        }
        MacroExpander.validate(spec, false);
        if (endsWithMacro(spec)) {
            return spec;
        }
        String name = spec.endsWith(".") ? spec.substring(0, spec.length() - 1) : spec;
        int dot = name.lastIndexOf('.');
        if (dot < 0 || !TOPLABEL.matcher(name.substring(dot + 1)).matches()) {
            throw new SpfSyntaxException("domain does not end in a valid top label");
        }
        return spec;
    }

    private static boolean endsWithMacro(String spec) {
        if (spec.endsWith("}")) {
            int open = spec.lastIndexOf("%{");
            return open >= 0 && spec.indexOf('}', open) == spec.length() - 1;
        }
        // %%, %_ and %- are macro-expands too, provided the '%' is not itself escaped
        if (spec.length() >= 2 && "%_-".indexOf(spec.charAt(spec.length() - 1)) >= 0) {
            int percents = 0;
            for (int i = spec.length() - 2; i >= 0 && spec.charAt(i) == '%'; i--) {
                percents++;
            }
            return percents % 2 == 1;
        }
        return false;
    }
}
