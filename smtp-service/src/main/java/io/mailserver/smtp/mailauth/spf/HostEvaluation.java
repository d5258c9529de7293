package io.mailserver.smtp.mailauth.spf;

import io.mailserver.smtp.mailauth.DnsAnswer;
import io.mailserver.smtp.mailauth.DnsTxtResolver;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One check_host() (RFC 7208 §4) with everything it recurses into: the DNS term and void lookup counts
 * are shared by includes and redirects, which is what bounds a hostile tree of records.
 */
final class HostEvaluation {

    /** §4.6.4: terms that query DNS (include, a, mx, ptr, exists, redirect). */
    static final int MAX_DNS_TERMS = 10;
    /** §4.6.4: lookups answering NXDOMAIN or no data. */
    static final int MAX_VOID_LOOKUPS = 2;
    /** §4.6.4: MX hosts per mx mechanism, and PTR names per ptr mechanism or p macro. */
    static final int MAX_NAMES = 10;

    record Verdict(SpfResult result, String reason) {
    }

    private final DnsTxtResolver dns;
    private final InetAddress client;
    private final boolean inet6;
    private final MacroExpander.Context base;
    private int dnsTerms;
    private int voidLookups;
    private String validatedName;

    HostEvaluation(DnsTxtResolver dns, InetAddress client, MacroExpander.Context context) {
        this.dns = dns;
        this.client = client;
        this.inet6 = client instanceof Inet6Address;
        this.base = new MacroExpander.Context(context.sender(), context.localPart(), context.senderDomain(),
                context.domain(), client, context.helo(), context.receiver(), this::validatedName);
    }

    Verdict checkHost(String domain) throws SpfAbort {
        return checkHost(domain, base);
    }

    private Verdict checkHost(String domain, MacroExpander.Context outer) throws SpfAbort {
        MacroExpander.Context context = outer.withDomain(domain);
        SpfRecord record = select(domain);
        if (record == null) {
            return new Verdict(SpfResult.NONE, "no SPF record at " + domain);
        }
        for (Directive directive : record.directives()) {
            Mechanism mechanism = directive.mechanism();
            if (mechanism.queriesDns()) {
                countDnsTerm();
            }
            if (matches(mechanism, context)) {
                return new Verdict(directive.onMatch(), "matched " + name(mechanism) + " in " + domain);
            }
        }
        // §5.1: a record with "all" never reaches its redirect, so the redirect is ignored outright
        if (record.redirect() != null && !record.hasAll()) {
            countDnsTerm();
            String target = target(record.redirect(), context);
            Verdict redirected = target == null ? null : checkHost(target, context);
            if (redirected == null || redirected.result() == SpfResult.NONE) {
                throw new SpfAbort(SpfResult.PERMERROR, "redirect from " + domain + " to a domain without SPF record");
            }
            return redirected;
        }
        return new Verdict(SpfResult.NEUTRAL, "no mechanism matched in " + domain);
    }

    /** §4.5: exactly one record starting with "v=spf1"; none is "none", several a permerror. */
    private SpfRecord select(String domain) throws SpfAbort {
        DnsAnswer<String> answer = dns.txt(domain);
        if (answer instanceof DnsAnswer.Failure<String>) {
            throw new SpfAbort(SpfResult.TEMPERROR, "DNS failure looking up the SPF record of " + domain);
        }
        if (!(answer instanceof DnsAnswer.Records<String> records)) {
            return null;
        }
        List<String> spf = records.values().stream().filter(SpfRecord::isSpf).toList();
        if (spf.isEmpty()) {
            return null;
        }
        if (spf.size() > 1) {
            throw new SpfAbort(SpfResult.PERMERROR, "more than one SPF record at " + domain);
        }
        try {
            return SpfRecord.parse(spf.get(0));
        } catch (SpfSyntaxException e) {
            throw new SpfAbort(SpfResult.PERMERROR, "invalid SPF record at " + domain + ": " + e.getMessage());
        }
    }

    private boolean matches(Mechanism mechanism, MacroExpander.Context context) throws SpfAbort {
        if (mechanism instanceof Mechanism.All) {
            return true;
        }
        if (mechanism instanceof Mechanism.Ip ip) {
            return inNetwork(client, ip.network(), ip.prefix());
        }
        if (mechanism instanceof Mechanism.Include include) {
            String target = target(include.domainSpec(), context);
            Verdict included = target == null ? null : checkHost(target, context);
            if (included == null || included.result() == SpfResult.NONE) {
                // §5.2: including a domain without a record is an error of the including domain
                throw new SpfAbort(SpfResult.PERMERROR, "include of a domain without SPF record from " + context.domain());
            }
            return included.result() == SpfResult.PASS;
        }
        if (mechanism instanceof Mechanism.A a) {
            String target = targetOrCurrent(a.domainSpec(), context);
            return target != null && anyInNetwork(counted(dns.addresses(target, inet6), target), inet6 ? a.cidr6() : a.cidr4());
        }
        if (mechanism instanceof Mechanism.Mx mx) {
            String target = targetOrCurrent(mx.domainSpec(), context);
            return target != null && mxMatches(target, inet6 ? mx.cidr6() : mx.cidr4());
        }
        if (mechanism instanceof Mechanism.Ptr ptr) {
            String target = targetOrCurrent(ptr.domainSpec(), context);
            return target != null && validatedNames(target).stream().anyMatch(name -> isAtOrBelow(name, target));
        }
        if (mechanism instanceof Mechanism.Exists exists) {
            String target = target(exists.domainSpec(), context);
            // §5.7: always an A query, whatever the connection's address family
            return target != null && !counted(dns.addresses(target, false), target).isEmpty();
        }
        throw new IllegalStateException("unknown mechanism " + mechanism);
    }

    private boolean mxMatches(String target, int prefix) throws SpfAbort {
        List<String> hosts = counted(dns.mx(target), target);
        if (hosts.size() > MAX_NAMES) {
            throw new SpfAbort(SpfResult.PERMERROR, "more than " + MAX_NAMES + " MX hosts at " + target);
        }
        for (String host : hosts) {
            DnsAnswer<InetAddress> addresses = dns.addresses(bare(host), inet6);
            if (addresses instanceof DnsAnswer.Failure<InetAddress>) {
                throw new SpfAbort(SpfResult.TEMPERROR, "DNS failure looking up an MX host of " + target);
            }
            if (addresses instanceof DnsAnswer.Records<InetAddress> found && anyInNetwork(found.values(), prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * §5.5: the client's PTR names whose forward lookup leads back to it. Only the first {@value #MAX_NAMES}
     * names are considered; a PTR lookup failure is no match, not a temperror.
     */
    private List<String> validatedNames(String preferred) throws SpfAbort {
        DnsAnswer<String> answer = dns.ptr(client);
        if (answer instanceof DnsAnswer.Failure<String>) {
            return List.of();
        }
        List<String> names = counted(answer, "the client's PTR");
        List<String> validated = new ArrayList<>();
        for (String name : names.subList(0, Math.min(names.size(), MAX_NAMES))) {
            String host = bare(name);
            // names that could not match are not worth a lookup, unless p wants any validated name
            if (preferred != null && !isAtOrBelow(host, preferred)) {
                continue;
            }
            if (dns.addresses(host, inet6) instanceof DnsAnswer.Records<InetAddress> found
                    && found.values().stream().anyMatch(address -> Arrays.equals(address.getAddress(), client.getAddress()))) {
                validated.add(host);
            }
        }
        return validated;
    }

    /** The {@code p} macro (§7.3): discouraged and costly, so computed once and only when used. */
    private String validatedName() {
        if (validatedName == null) {
            try {
                List<String> names = validatedNames(null);
                validatedName = names.stream().filter(n -> isAtOrBelow(n, base.domain())).findFirst()
                        .orElse(names.isEmpty() ? "unknown" : names.get(0));
            } catch (SpfAbort e) {
                validatedName = "unknown";
            }
        }
        return validatedName;
    }

    private void countDnsTerm() throws SpfAbort {
        if (++dnsTerms > MAX_DNS_TERMS) {
            throw new SpfAbort(SpfResult.PERMERROR, "more than " + MAX_DNS_TERMS + " DNS-querying terms");
        }
    }

    /** The records of a mechanism's own lookup: failures end the check, empty answers count as void. */
    private <T> List<T> counted(DnsAnswer<T> answer, String name) throws SpfAbort {
        if (answer instanceof DnsAnswer.Failure<T>) {
            throw new SpfAbort(SpfResult.TEMPERROR, "DNS failure looking up " + name);
        }
        List<T> values = answer instanceof DnsAnswer.Records<T> records ? records.values() : List.of();
        if (values.isEmpty() && ++voidLookups > MAX_VOID_LOOKUPS) {
            throw new SpfAbort(SpfResult.PERMERROR, "more than " + MAX_VOID_LOOKUPS + " void DNS lookups");
        }
        return values;
    }

    private String targetOrCurrent(String domainSpec, MacroExpander.Context context) throws SpfAbort {
        return domainSpec == null ? context.domain() : target(domainSpec, context);
    }

    private static String target(String domainSpec, MacroExpander.Context context) throws SpfAbort {
        try {
            return DomainNames.queryName(MacroExpander.expand(domainSpec, context, false));
        } catch (SpfSyntaxException e) {
            throw new SpfAbort(SpfResult.PERMERROR, "invalid macro: " + e.getMessage());
        }
    }

    private boolean anyInNetwork(List<InetAddress> addresses, int prefix) {
        return addresses.stream().anyMatch(address -> inNetwork(client, address.getAddress(), prefix));
    }

    /** Whether {@code address} is in {@code network/prefix}; never across address families. */
    static boolean inNetwork(InetAddress address, byte[] network, int prefix) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (bytes[full] & mask) == (network[full] & mask);
    }

    private static boolean isAtOrBelow(String name, String domain) {
        String n = bare(name).toLowerCase(Locale.ROOT);
        String d = bare(domain).toLowerCase(Locale.ROOT);
        return n.equals(d) || n.endsWith("." + d);
    }

    private static String bare(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String name(Mechanism mechanism) {
        return mechanism.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
