package io.mailserver.smtp.dns;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.lookup.LookupResult;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchRRSetException;

/**
 * dnsjava's asynchronous lookups (CNAMEs followed) against {@code mail.smtp.dns.servers}, each bounded
 * by a limit of our own should the resolver's timeout ever not fire.
 */
public final class AsyncDns {

    private final LookupSession session;
    private final Duration queryLimit;

    public AsyncDns(Optional<List<String>> servers, Duration timeout) {
        this.session = LookupSession.builder().resolver(DnsServers.resolver(servers, timeout)).build();
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
}
