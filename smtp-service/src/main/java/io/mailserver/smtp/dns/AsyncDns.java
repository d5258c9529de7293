package io.mailserver.smtp.dns;

import io.smallrye.mutiny.Uni;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupResult;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;

/**
 * dnsjava's asynchronous lookups (CNAMEs followed) against {@code mail.smtp.dns.servers}, each bounded
 * by a limit of our own should the resolver's timeout ever not fire.
 */
public final class AsyncDns {

    /** CNAMEs followed at most in one {@link #answer} (RFC 1034 chains are short; a loop is not). */
    private static final int MAX_ALIASES = 8;

    /**
     * The records of one type and whether DNSSEC proved them: {@code secure} only when this resolver
     * validates ({@link DnsServers#validating}) and the whole answer, aliases included, validated.
     */
    public record Answer(List<Record> records, boolean secure) {
        public Answer {
            records = List.copyOf(records);
        }
    }

    /** The server answered with an error (SERVFAIL, which a validating resolver also gives for bogus data). */
    public static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message, null, false, false);
        }
    }

    private final Resolver resolver;
    private final boolean validating;
    private final LookupSession session;
    private final Duration queryLimit;

    public AsyncDns(Optional<List<String>> servers, Duration timeout) {
        this(DnsServers.resolver(servers, timeout), false, timeout);
    }

    /**
     * @param validating whether {@code resolver} validates DNSSEC itself (a {@code ValidatingResolver}):
     *                   only then does an answer's AD bit mean anything to us
     */
    public AsyncDns(Resolver resolver, boolean validating, Duration timeout) {
        this.resolver = resolver;
        this.validating = validating;
        this.session = LookupSession.builder().resolver(resolver).build();
        this.queryLimit = timeout.multipliedBy(3);
    }

    /**
     * The records of one type; empty when the name exists without them. Fails with dnsjava's
     * {@code NoSuchDomainException} for NXDOMAIN, and otherwise for a failed lookup.
     */
    public Uni<List<Record>> query(Name name, int type) {
        return Uni.createFrom().completionStage(() -> session.lookupAsync(name, type))
                .ifNoItem().after(queryLimit).fail()
                .onFailure(CompletionException.class).transform(Throwable::getCause)
                .map(LookupResult::getRecords)
                .onFailure(NoSuchRRSetException.class).recoverWithItem(List.of());
    }

    /**
     * The addresses of {@code host}, IPv4 (A) before IPv6 (AAAA); empty when it has none. Fails as
     * {@link #query} does.
     */
    public Uni<List<InetAddress>> addresses(Name host) {
        return query(host, Type.A).flatMap(v4 -> query(host, Type.AAAA).map(v6 -> {
            List<InetAddress> found = new ArrayList<>();
            v4.stream().filter(ARecord.class::isInstance).forEach(r -> found.add(((ARecord) r).getAddress()));
            v6.stream().filter(AAAARecord.class::isInstance).forEach(r -> found.add(((AAAARecord) r).getAddress()));
            return List.copyOf(found);
        }));
    }

    /**
     * Like {@link #query}, and says whether DNSSEC proved the answer (for DANE, RFC 7672 §2.1); an
     * empty answer is secure when its denial validated. Asks the resolver directly: dnsjava's lookup
     * results do not keep the AD bit. CNAMEs are followed by owner name, at most {@value #MAX_ALIASES}.
     * Fails with {@code NoSuchDomainException} for NXDOMAIN and {@link Failed} for an error answer or
     * too long a chain.
     */
    public Uni<Answer> answer(Name name, int type) {
        return answer(name, type, true, 0);
    }

    private Uni<Answer> answer(Name name, int type, boolean secureSoFar, int aliases) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        return Uni.createFrom().completionStage(() -> resolver.sendAsync(query))
                .ifNoItem().after(queryLimit).fail()
                .onFailure(CompletionException.class).transform(Throwable::getCause)
                .flatMap(response -> {
                    boolean secure = secureSoFar && validating && response.getHeader().getFlag(Flags.AD);
                    int rcode = response.getRcode();
                    if (rcode == Rcode.NXDOMAIN) {
                        return Uni.createFrom().failure(new NoSuchDomainException(name, type));
                    }
                    if (rcode != Rcode.NOERROR) {
                        return Uni.createFrom().failure(new Failed(Rcode.string(rcode) + " for " + name + "/"
                                + org.xbill.DNS.Type.string(type)));
                    }
                    // follow the chain from the name asked, by owner: records of other names prove nothing here
                    Name owner = name;
                    int hops = aliases;
                    while (true) {
                        Name current = owner;
                        List<Record> found = response.getSection(Section.ANSWER).stream()
                                .filter(r -> r.getType() == type && r.getName().equals(current)).toList();
                        if (!found.isEmpty()) {
                            return Uni.createFrom().item(new Answer(found, secure));
                        }
                        Optional<Name> target = response.getSection(Section.ANSWER).stream()
                                .filter(r -> r instanceof CNAMERecord && r.getName().equals(current))
                                .map(r -> ((CNAMERecord) r).getTarget()).findFirst();
                        if (target.isEmpty()) {
                            // the name has no records of the type; or an alias the server did not follow itself
                            return current.equals(name) ? Uni.createFrom().item(new Answer(List.of(), secure))
                                    : answer(current, type, secure, hops);
                        }
                        if (++hops > MAX_ALIASES) {
                            return Uni.createFrom().failure(new Failed("more than " + MAX_ALIASES + " aliases from " + name));
                        }
                        owner = target.get();
                    }
                });
    }
}
