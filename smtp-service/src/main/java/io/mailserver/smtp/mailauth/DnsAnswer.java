package io.mailserver.smtp.mailauth;

import java.util.List;

/**
 * One DNS answer as mail authentication needs to tell them apart: records, none (NXDOMAIN or no data,
 * which RFC 7208 and RFC 6376 treat alike), or a failure that may pass (timeout, SERVFAIL: a temperror).
 */
public sealed interface DnsAnswer<T> {

    record Records<T>(List<T> values) implements DnsAnswer<T> {
        public Records {
            values = List.copyOf(values);
        }
    }

    record None<T>() implements DnsAnswer<T> {
    }

    record Failure<T>(String reason) implements DnsAnswer<T> {
    }
}
