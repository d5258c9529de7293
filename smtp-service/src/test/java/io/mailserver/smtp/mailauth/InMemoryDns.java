package io.mailserver.smtp.mailauth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A zone in a map for the SPF and DMARC tests: names are case-insensitive, a trailing dot optional. */
public final class InMemoryDns implements DnsTxtResolver {

    private final Map<String, List<String>> txt = new HashMap<>();
    private final Map<String, List<InetAddress>> addresses = new HashMap<>();
    private final Map<String, List<String>> mx = new HashMap<>();
    private final Map<String, List<String>> ptr = new HashMap<>();
    private final Set<String> failing = new HashSet<>();
    /** Every query made, as "TYPE name", to check what an evaluation looked up. */
    public final List<String> queries = new ArrayList<>();

    public InMemoryDns txt(String name, String... records) {
        txt.computeIfAbsent(key(name), k -> new ArrayList<>()).addAll(List.of(records));
        return this;
    }

    public InMemoryDns a(String name, String... ips) {
        for (String ip : ips) {
            addresses.computeIfAbsent(key(name), k -> new ArrayList<>()).add(address(ip));
        }
        return this;
    }

    public InMemoryDns mx(String name, String... hosts) {
        mx.computeIfAbsent(key(name), k -> new ArrayList<>()).addAll(List.of(hosts));
        return this;
    }

    public InMemoryDns ptr(String ip, String... names) {
        ptr.computeIfAbsent(address(ip).getHostAddress(), k -> new ArrayList<>()).addAll(List.of(names));
        return this;
    }

    /** Every query for this name fails as a timeout would. */
    public InMemoryDns failing(String name) {
        failing.add(key(name));
        return this;
    }

    public static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static String key(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private <T> DnsAnswer<T> answer(String type, String name, List<T> values) {
        queries.add(type + " " + key(name));
        if (failing.contains(key(name))) {
            return new DnsAnswer.Failure<>("timeout");
        }
        return values == null || values.isEmpty() ? new DnsAnswer.None<>() : new DnsAnswer.Records<>(values);
    }

    @Override
    public DnsAnswer<String> txt(String name) {
        return answer("TXT", name, txt.get(key(name)));
    }

    @Override
    public DnsAnswer<InetAddress> addresses(String name, boolean inet6) {
        List<InetAddress> all = addresses.getOrDefault(key(name), List.of());
        return answer(inet6 ? "AAAA" : "A", name,
                all.stream().filter(a -> (a.getAddress().length == 16) == inet6).toList());
    }

    @Override
    public DnsAnswer<String> mx(String name) {
        return answer("MX", name, mx.get(key(name)));
    }

    @Override
    public DnsAnswer<String> ptr(InetAddress address) {
        return answer("PTR", address.getHostAddress(), ptr.get(address.getHostAddress()));
    }
}
