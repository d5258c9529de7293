package io.mailserver.smtp.mailauth.dkim;

import io.mailserver.smtp.mailauth.DnsAnswer;
import io.mailserver.smtp.mailauth.DnsTxtResolver;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** DNS as a map: TXT answers by name, everything else has no records. */
final class MapResolver implements DnsTxtResolver {

    private final Map<String, DnsAnswer<String>> txt = new HashMap<>();

    MapResolver txt(String name, String... records) {
        txt.put(name, new DnsAnswer.Records<>(List.of(records)));
        return this;
    }

    MapResolver failing(String name) {
        txt.put(name, new DnsAnswer.Failure<>("SERVFAIL"));
        return this;
    }

    @Override
    public DnsAnswer<String> txt(String name) {
        return txt.getOrDefault(name, new DnsAnswer.None<>());
    }

    @Override
    public DnsAnswer<InetAddress> addresses(String name, boolean inet6) {
        return new DnsAnswer.None<>();
    }

    @Override
    public DnsAnswer<String> mx(String name) {
        return new DnsAnswer.None<>();
    }

    @Override
    public DnsAnswer<String> ptr(InetAddress address) {
        return new DnsAnswer.None<>();
    }
}
