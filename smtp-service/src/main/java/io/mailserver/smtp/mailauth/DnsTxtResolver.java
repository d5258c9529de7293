package io.mailserver.smtp.mailauth;

import java.net.InetAddress;

/**
 * The DNS queries DKIM, SPF and DMARC make. Blocking by design: the evaluations are short sequences of
 * dependent lookups, run off the event loop; an implementation bounds each query's time itself.
 */
public interface DnsTxtResolver {

    /** TXT records, each one's character-strings already joined (RFC 7208 §3.3). */
    DnsAnswer<String> txt(String name);

    /** A and AAAA records: IPv4 ({@code inet6 == false}) or IPv6 addresses of a name. */
    DnsAnswer<InetAddress> addresses(String name, boolean inet6);

    /** MX exchange host names, in no particular order. */
    DnsAnswer<String> mx(String name);

    /** PTR names of an address (reverse lookup). */
    DnsAnswer<String> ptr(InetAddress address);
}
