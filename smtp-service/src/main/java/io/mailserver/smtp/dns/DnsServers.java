package io.mailserver.smtp.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.dnssec.ValidatingResolver;

/** A dnsjava resolver for {@code mail.smtp.dns.servers}: the system's resolvers, or the ones listed. */
public final class DnsServers {

    /**
     * The DNS root's key-signing keys as IANA publishes them (https://data.iana.org/root-anchors/):
     * KSK-2017 and KSK-2024, the default of {@code mail.smtp.dns.trust-anchors}.
     */
    public static final List<String> ROOT_ANCHORS = List.of(
            ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D",
            ". IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16");

    private DnsServers() {
    }

    /**
     * @param servers {@code host} or {@code host:port} each; empty for the system's resolvers
     * @param timeout the time one query may take
     */
    public static Resolver resolver(Optional<List<String>> servers, Duration timeout) {
        try {
            Resolver resolver;
            if (servers.isEmpty() || servers.get().isEmpty()) {
                resolver = new ExtendedResolver();
            } else {
                List<Resolver> each = new ArrayList<>();
                for (String server : servers.get()) {
                    int colon = server.lastIndexOf(':');
                    // one colon is host:port; several are a bare IPv6 address
                    boolean hasPort = colon > 0 && server.indexOf(':') == colon;
                    each.add(new SimpleResolver(new InetSocketAddress(hasPort ? server.substring(0, colon) : server,
                            hasPort ? Integer.parseInt(server.substring(colon + 1)) : 53)));
                }
                resolver = new ExtendedResolver(each);
            }
            resolver.setTimeout(timeout);
            return resolver;
        } catch (Exception e) {
            throw new IllegalArgumentException("mail.smtp.dns.servers: " + e.getMessage(), e);
        }
    }

    /**
     * A resolver that checks DNSSEC itself from {@code anchors} down (RFC 4035 §5) rather than trusting
     * an AD bit from the network: its answers carry AD only when they validated, and bogus data comes
     * back as SERVFAIL. The servers behind it must pass DNSSEC records on (the DO bit); behind one that
     * strips them nothing validates, not even the proof that a zone is unsigned, which is why
     * delivery probes before relying on it.
     *
     * @param anchors DS or DNSKEY records in zone-file form, e.g. {@link #ROOT_ANCHORS}
     */
    public static Resolver validating(Resolver upstream, List<String> anchors) {
        ValidatingResolver validating = new ValidatingResolver(upstream);
        try {
            validating.loadTrustAnchors(new ByteArrayInputStream((String.join("\n", anchors) + "\n")
                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("mail.smtp.dns.trust-anchors: " + e.getMessage(), e);
        }
        return validating;
    }
}
