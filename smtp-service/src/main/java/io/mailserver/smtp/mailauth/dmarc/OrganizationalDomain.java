package io.mailserver.smtp.mailauth.dmarc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Organizational domains (RFC 7489 §3.2): the public suffix plus one label, by the ICANN section of the
 * Public Suffix List bundled as a resource. The list is a snapshot (see the resource's header): a suffix
 * added since is treated by the default "*" rule, so at worst two registrations under a new suffix look
 * like one organization for relaxed alignment. The private section (e.g. github.io) is left out on purpose.
 */
public final class OrganizationalDomain {

    private static final String RESOURCE = "public_suffix_list_icann.dat";

    private final Set<String> rules;
    private final Set<String> wildcards;
    private final Set<String> exceptions;

    private OrganizationalDomain(Set<String> rules, Set<String> wildcards, Set<String> exceptions) {
        this.rules = rules;
        this.wildcards = wildcards;
        this.exceptions = exceptions;
    }

    private static final class Bundled {
        static final OrganizationalDomain LIST = load();
    }

    /** The bundled list, loaded once. */
    public static OrganizationalDomain bundled() {
        return Bundled.LIST;
    }

    private static OrganizationalDomain load() {
        Set<String> rules = new HashSet<>();
        Set<String> wildcards = new HashSet<>();
        Set<String> exceptions = new HashSet<>();
        try (InputStream in = OrganizationalDomain.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String rule = line.strip();
                if (rule.isEmpty() || rule.startsWith("//")) {
                    continue;
                }
                if (rule.startsWith("!")) {
                    exceptions.add(ascii(rule.substring(1)));
                } else if (rule.startsWith("*.")) {
                    wildcards.add(ascii(rule.substring(2)));
                } else {
                    rules.add(ascii(rule));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OrganizationalDomain(rules, wildcards, exceptions);
    }

    /** Mail domains arrive as A-labels, so the list's U-label rules are compared in that form. */
    private static String ascii(String rule) {
        try {
            return IDN.toASCII(rule, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return rule.toLowerCase(Locale.ROOT);
        }
    }

    /** The organizational domain of a name; a name that is itself a public suffix is its own. */
    public String of(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        String[] labels = name.split("\\.", -1);
        // longest candidate first, so the first rule that applies is the prevailing one
        int suffixStart = labels.length - 1;
        for (int i = 0; i < labels.length; i++) {
            String candidate = String.join(".", java.util.Arrays.copyOfRange(labels, i, labels.length));
            if (exceptions.contains(candidate)) {
                suffixStart = i + 1;
                break;
            }
            String parent = i + 1 < labels.length ? candidate.substring(labels[i].length() + 1) : null;
            if (rules.contains(candidate) || (parent != null && wildcards.contains(parent))) {
                suffixStart = i;
                break;
            }
        }
        if (suffixStart == 0) {
            return name;
        }
        return String.join(".", java.util.Arrays.copyOfRange(labels, suffixStart - 1, labels.length));
    }
}
