package io.mailserver.smtp.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/** A dnsjava resolver for {@code mail.smtp.dns.servers}: the system's resolvers, or the ones listed. */
public final class DnsServers {

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
}
