package io.mailserver.smtp.mailauth;

import io.mailserver.smtp.dns.DnsServers;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * {@link DnsTxtResolver} over dnsjava, asking the system's resolvers or the given ones (as
 * {@code mail.smtp.dns.servers} lists them: {@code host} or {@code host:port}). NXDOMAIN and
 * empty answers are {@link DnsAnswer.None}; timeouts, SERVFAIL and other errors are {@link DnsAnswer.Failure}.
 */
public final class DnsjavaTxtResolver implements DnsTxtResolver {

    private final Resolver resolver;
    /** Our own bound on one query, retries included, should the resolver's timeout ever not fire. */
    private final Duration queryLimit;

    /**
     * @param servers resolvers to ask, {@code host} or {@code host:port}; empty for the system's
     * @param timeout the time one query may take
     */
    public DnsjavaTxtResolver(List<String> servers, Duration timeout) {
        this.resolver = DnsServers.resolver(Optional.ofNullable(servers), timeout);
        this.queryLimit = timeout.multipliedBy(2);
    }

    @Override
    public DnsAnswer<String> txt(String name) {
        return query(name, Type.TXT, record -> {
            StringBuilder joined = new StringBuilder();
            // RFC 7208 §3.3: the character-strings of one record are concatenated without spaces
            for (byte[] part : ((TXTRecord) record).getStringsAsByteArrays()) {
                joined.append(new String(part, StandardCharsets.UTF_8));
            }
            return joined.toString();
        });
    }

    @Override
    public DnsAnswer<InetAddress> addresses(String name, boolean inet6) {
        return inet6 ? query(name, Type.AAAA, record -> ((AAAARecord) record).getAddress())
                : query(name, Type.A, record -> ((ARecord) record).getAddress());
    }

    @Override
    public DnsAnswer<String> mx(String name) {
        return query(name, Type.MX, record -> ((MXRecord) record).getTarget().toString(true));
    }

    @Override
    public DnsAnswer<String> ptr(InetAddress address) {
        return query(ReverseMap.fromAddress(address), Type.PTR, record -> ((PTRRecord) record).getTarget().toString(true));
    }

    private <T> DnsAnswer<T> query(String name, int type, Function<Record, T> value) {
        Name absolute;
        try {
            absolute = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            // not a name DNS can carry (e.g. an over-long label from a macro): nothing can exist there
            return new DnsAnswer.None<>();
        }
        return query(absolute, type, value);
    }

    private <T> DnsAnswer<T> query(Name name, int type, Function<Record, T> value) {
        Message response;
        try {
            response = resolver.sendAsync(Message.newQuery(Record.newRecord(name, type, DClass.IN))).toCompletableFuture()
                    .get(queryLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DnsAnswer.Failure<>("interrupted");
        } catch (TimeoutException e) {
            return new DnsAnswer.Failure<>("timeout");
        } catch (ExecutionException e) {
            return new DnsAnswer.Failure<>(e.getCause() == null ? "error" : e.getCause().getClass().getSimpleName());
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new DnsAnswer.None<>();
        }
        if (rcode != Rcode.NOERROR) {
            return new DnsAnswer.Failure<>(Rcode.string(rcode));
        }
        List<T> values = new ArrayList<>();
        // CNAMEs in the answer are followed by the server; only the records of the asked type count
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record.getType() == type) {
                values.add(value.apply(record));
            }
        }
        return values.isEmpty() ? new DnsAnswer.None<>() : new DnsAnswer.Records<>(values);
    }
}
