package io.mailserver.smtp.outbound;

import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.dns.AsyncDns;
import io.mailserver.smtp.dns.DnsServers;
import io.mailserver.smtp.outbound.dane.Tlsa;
import io.mailserver.smtp.outbound.dane.TlsaLookup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.NoSuchDomainException;

/**
 * {@link MailExchangers} over dnsjava's asynchronous lookups, against the system's resolvers or the
 * ones {@code mail.smtp.dns.servers} names; with DANE on, through a resolver that validates DNSSEC
 * itself, so that each address says whether DNSSEC proved it. Bounded: at most {@value #MAX_HOSTS} MX
 * hosts, {@value #MAX_ADDRESSES} addresses and {@value #MAX_TLSA} TLSA records per host are used,
 * whatever a hostile zone publishes.
 */
@ApplicationScoped
public class DnsMailExchangers implements MailExchangers {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DnsMailExchangers.class);

    static final int MAX_HOSTS = 10;
    static final int MAX_ADDRESSES = 20;
    static final int MAX_TLSA = 20;

    private final AsyncDns dns;
    /** The zones whose keys are trust anchors, checked at startup; none without validation. */
    private final List<String> anchoredZones;

    @jakarta.inject.Inject
    public DnsMailExchangers(MailConfig config) {
        this(dns(config.smtp().dns(), config.smtp().delivery().dane().enabled()), config.smtp().delivery().dane().enabled()
                ? config.smtp().dns().trustAnchors().orElse(DnsServers.ROOT_ANCHORS).stream()
                        .map(anchor -> anchor.strip().split("\\s+")[0]).distinct().toList()
                : List.of());
    }

    /** Without DNSSEC validation: no address is ever {@link Lookup.Exchange#secure() secure}. */
    DnsMailExchangers(Optional<List<String>> servers, Duration timeout) {
        this(new AsyncDns(servers, timeout));
    }

    DnsMailExchangers(AsyncDns dns) {
        this(dns, List.of());
    }

    private DnsMailExchangers(AsyncDns dns, List<String> anchoredZones) {
        this.dns = dns;
        this.anchoredZones = anchoredZones;
    }

    /**
     * Asks for the SOA of each anchored zone once: when it does not validate, the resolvers behind us
     * strip DNSSEC records (or the anchors are wrong), and mail to every signed domain would wait
     * unexplained. The operator hears of it now rather than from a queue.
     */
    void checkAnchors(@Observes StartupEvent event) {
        for (String zone : anchoredZones) {
            Name name;
            try {
                name = Name.fromString(zone.endsWith(".") ? zone : zone + ".");
            } catch (TextParseException e) {
                LOG.warnf("DANE: the trust anchor zone %s is not a domain name", zone);
                continue;
            }
            dns.answer(name, Type.SOA).subscribe().with(answer -> {
                if (answer.secure()) {
                    LOG.infof("DANE: DNSSEC validates from the trust anchor of %s", zone);
                } else {
                    LOG.warnf("DANE: the SOA of %s did not validate; mail.smtp.dns.servers may strip DNSSEC records", zone);
                }
            }, failure -> LOG.warnf("DANE: DNSSEC does not validate from the trust anchor of %s (%s): mail to signed domains"
                    + " will wait until it does; check mail.smtp.dns.servers and mail.smtp.dns.trust-anchors, or set"
                    + " mail.smtp.delivery.dane.enabled=false", zone, reason(failure)));
        }
    }

    private static AsyncDns dns(MailConfig.Dns config, boolean dane) {
        var resolver = DnsServers.resolver(config.servers(), config.timeout());
        if (!dane) {
            return new AsyncDns(resolver, false, config.timeout());
        }
        return new AsyncDns(DnsServers.validating(resolver, config.trustAnchors().orElse(DnsServers.ROOT_ANCHORS)), true,
                config.timeout());
    }

    @Override
    public Uni<Lookup> lookup(String domain) {
        return find(domain).invoke(found -> LOG.debugf("MX lookup of %s: %s", domain, found));
    }

    @Override
    public Uni<TlsaLookup> tlsa(String host, int port) {
        Name name;
        try {
            name = Name.fromString("_" + port + "._tcp." + host + (host.endsWith(".") ? "" : "."));
        } catch (TextParseException e) {
            return Uni.createFrom().item(new TlsaLookup.None());
        }
        return dns.answer(name, Type.TLSA).map(answer -> {
            // RFC 7672 §2.2.3: records DNSSEC did not prove are as good as none
            if (!answer.secure() || answer.records().isEmpty()) {
                return (TlsaLookup) new TlsaLookup.None();
            }
            return new TlsaLookup.Found(answer.records().stream().filter(TLSARecord.class::isInstance)
                    .map(TLSARecord.class::cast).limit(MAX_TLSA)
                    .map(r -> new Tlsa(r.getCertificateUsage(), r.getSelector(), r.getMatchingType(), r.getCertificateAssociationData()))
                    .toList());
        }).onFailure(NoSuchDomainException.class).recoverWithItem(new TlsaLookup.None())
                .onFailure().recoverWithItem(failure -> new TlsaLookup.Failed("the TLSA lookup of " + host + " failed ("
                        + reason(failure) + ")"));
    }

    private Uni<Lookup> find(String domain) {
        Name name;
        try {
            name = Name.fromString(domain.endsWith(".") ? domain : domain + ".");
        } catch (TextParseException e) {
            return Uni.createFrom().item(new Lookup.Permanent("553 5.1.2 not a valid domain name"));
        }
        return dns.answer(name, Type.MX).flatMap(mx -> {
            if (mx.records().isEmpty()) {
                // RFC 5321 §5.1: no MX, the domain itself is the implicit MX
                return addresses(List.of(name), mx.secure());
            }
            List<MXRecord> records = mx.records().stream().filter(MXRecord.class::isInstance).map(MXRecord.class::cast)
                    .collect(ArrayList::new, ArrayList::add, ArrayList::addAll);
            if (records.size() == 1 && records.get(0).getTarget().equals(Name.root)) {
                return Uni.createFrom().item(new Lookup.Permanent("556 5.1.10 the domain accepts no mail (null MX, RFC 7505)"));
            }
            Collections.shuffle(records);
            records.sort(Comparator.comparingInt(MXRecord::getPriority));
            List<Name> hosts = records.stream().map(MXRecord::getTarget).filter(t -> !t.equals(Name.root)).distinct()
                    .limit(MAX_HOSTS).toList();
            return addresses(hosts, mx.secure());
        }).onFailure(NoSuchDomainException.class).recoverWithItem(
                failure -> new Lookup.Permanent("550 5.1.2 the domain " + domain + " does not exist"))
                .onFailure().recoverWithItem(failure -> new Lookup.Temporary("451 4.4.3 DNS lookup for " + domain
                        + " failed: " + reason(failure)));
    }

    /**
     * The addresses of the hosts in order (each host's IPv4, then IPv6 addresses). Temporary when none
     * was found and a lookup failed (another try may find them), Permanent when none exists.
     *
     * @param mxSecure whether DNSSEC proved the MX records that named the hosts (or their absence)
     */
    private Uni<Lookup> addresses(List<Name> hosts, boolean mxSecure) {
        AtomicBoolean failed = new AtomicBoolean();
        return Multi.createFrom().iterable(hosts)
                .onItem().transformToUniAndConcatenate(host -> dns.answer(host, Type.A)
                        .flatMap(v4 -> dns.answer(host, Type.AAAA).map(v6 -> {
                            String hostName = host.toString(true);
                            List<Lookup.Exchange> found = new ArrayList<>();
                            v4.records().stream().filter(ARecord.class::isInstance).forEach(r -> found.add(new Lookup.Exchange(
                                    hostName, ((ARecord) r).getAddress().getHostAddress(), mxSecure && v4.secure())));
                            v6.records().stream().filter(AAAARecord.class::isInstance).forEach(r -> found.add(new Lookup.Exchange(
                                    hostName, ((AAAARecord) r).getAddress().getHostAddress(), mxSecure && v6.secure())));
                            return found;
                        }))
                        .onFailure(NoSuchDomainException.class).recoverWithItem(List.of())
                        .onFailure().recoverWithItem(failure -> {
                            failed.set(true);
                            return List.of();
                        }))
                .collect().asList()
                .map(perHost -> {
                    List<Lookup.Exchange> exchanges = perHost.stream().flatMap(List::stream).distinct().limit(MAX_ADDRESSES)
                            .toList();
                    if (!exchanges.isEmpty()) {
                        return new Lookup.Addresses(exchanges);
                    }
                    return failed.get() ? new Lookup.Temporary("451 4.4.3 the addresses of the mail hosts could not be looked up")
                            : new Lookup.Permanent("550 5.1.2 no address for the domain's mail hosts");
                });
    }

    /** Ours, not the server's words: {@code SERVFAIL for x/MX} or the failure's kind. */
    private static String reason(Throwable failure) {
        return failure instanceof AsyncDns.Failed ? failure.getMessage() : failure.getClass().getSimpleName();
    }
}
