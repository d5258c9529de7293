package io.mailserver.smtp.outbound;

import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.dns.AsyncDns;
import io.mailserver.smtp.dns.DnsServers;
import io.mailserver.smtp.outbound.dane.Tlsa;
import io.mailserver.smtp.outbound.dane.TlsaLookup;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.annotation.PreDestroy;
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
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.NoSuchDomainException;

/**
 * {@link MailExchangers} over dnsjava's asynchronous lookups, against the system's resolvers or the
 * ones {@code mail.smtp.dns.servers} names; with DANE on, and while DNSSEC validates at all
 * ({@link #probe}), through a resolver that validates DNSSEC itself, so that each address says
 * whether DNSSEC proved it. Bounded: at most {@value #MAX_HOSTS} MX
 * hosts, {@value #MAX_ADDRESSES} addresses and {@value #MAX_TLSA} TLSA records per host are used,
 * whatever a hostile zone publishes.
 */
@ApplicationScoped
public class DnsMailExchangers implements MailExchangers {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DnsMailExchangers.class);

    static final int MAX_HOSTS = 10;
    static final int MAX_ADDRESSES = 20;
    static final int MAX_TLSA = 20;

    /** How often DNSSEC validation is tried again, to notice a resolver fixed or broken since. */
    static final Duration PROBE_INTERVAL = Duration.ofMinutes(1);
    /**
     * Probes that must fail in a row before validation is given up: one lost or spoofed answer must
     * not switch DANE off for every destination.
     */
    static final int FAILED_PROBES = 3;

    private final AsyncDns plain;
    /** Through the validating resolver; null with DANE off. */
    private final AsyncDns validated;
    /** The zones whose keys are trust anchors: what the probe asks for. */
    private final List<Name> anchoredZones;
    /** Whether the last probe validated: only then are lookups validated (and DANE possible). */
    private final AtomicBoolean dnssec;
    private final java.util.concurrent.atomic.AtomicInteger failedProbes = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Cancellable probing;

    /** Validating (and probing) only where delivery workers run with DANE on: nothing else looks up MX hosts. */
    @jakarta.inject.Inject
    public DnsMailExchangers(MailConfig config) {
        this(config.smtp().dns().servers(), config.smtp().dns().timeout(),
                config.smtp().delivery().enabled() && config.smtp().delivery().dane().enabled()
                        ? Optional.of(config.smtp().dns().trustAnchors().orElse(DnsServers.ROOT_ANCHORS)) : Optional.empty());
    }

    /** Without DNSSEC validation: no address is ever {@link Lookup.Exchange#secure() secure}. */
    DnsMailExchangers(Optional<List<String>> servers, Duration timeout) {
        this(servers, timeout, Optional.empty());
    }

    /** @param anchors trust anchors to validate from (DANE on), or empty */
    DnsMailExchangers(Optional<List<String>> servers, Duration timeout, Optional<List<String>> anchors) {
        Resolver resolver = DnsServers.resolver(servers, timeout);
        this.plain = new AsyncDns(resolver, false, timeout);
        this.validated = anchors.map(a -> new AsyncDns(DnsServers.validating(resolver, a), true, timeout)).orElse(null);
        this.anchoredZones = anchors.orElse(List.of()).stream().map(anchor -> anchor.strip().split("\\s+")[0]).distinct()
                .map(DnsMailExchangers::zone).toList();
        // until the first probe answers, validate: a resolver that strips DNSSEC costs a few deferrals, not a downgrade
        this.dnssec = new AtomicBoolean(validated != null);
    }

    private static Name zone(String text) {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("mail.smtp.dns.trust-anchors: " + text + " is not a domain name", e);
        }
    }

    /** Probes now and every {@link #PROBE_INTERVAL}. */
    void startProbing(@Observes StartupEvent event) {
        if (validated != null) {
            probing = Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(PROBE_INTERVAL)
                    .onItem().transformToUniAndConcatenate(tick -> probe())
                    .subscribe().with(ignored -> { }, failure -> LOG.warnf("DNSSEC probing stopped: %s", failure));
        }
    }

    @PreDestroy
    void stopProbing() {
        if (probing != null) {
            probing.cancel();
        }
    }

    /**
     * Asks for the SOA of each anchored zone through the validating resolver. When none validates, the
     * resolvers behind us strip DNSSEC records (or the anchors are wrong), and validating every lookup
     * would hold all outbound mail, unsigned domains' too, since nothing can be proved insecure without
     * a validated root: lookups then go unvalidated and DANE is off until a probe validates again.
     * Like a validating resolver's AD bit trusted by other MTAs, this assumes the path to the
     * resolvers is not the attacker's. Never fails; answers whether lookups are validated now: only
     * {@value #FAILED_PROBES} failed probes in a row stop that.
     */
    Uni<Boolean> probe() {
        if (validated == null) {
            return Uni.createFrom().item(false);
        }
        return Multi.createFrom().iterable(anchoredZones)
                .onItem().transformToUniAndConcatenate(zone -> validated.answer(zone, Type.SOA).map(AsyncDns.Answer::secure)
                        .onFailure().recoverWithItem(false))
                .collect().asList()
                .map(results -> {
                    if (results.contains(true)) {
                        failedProbes.set(0);
                        if (!dnssec.getAndSet(true)) {
                            LOG.infof("DANE: DNSSEC validates from the trust anchors of %s again", anchoredZones);
                        }
                    } else if (failedProbes.incrementAndGet() >= FAILED_PROBES) {
                        dnssec.set(false);
                        LOG.warnf("DANE: DNSSEC has not validated from the trust anchors of %s in %d probes: MX lookups go"
                                + " unvalidated and DANE is off until it does (check that mail.smtp.dns.servers pass DNSSEC"
                                + " records on, and mail.smtp.dns.trust-anchors)", anchoredZones, failedProbes.get());
                    }
                    return dnssec.get();
                });
    }

    private AsyncDns dns() {
        return dnssec.get() ? validated : plain;
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
        return dns().answer(name, Type.TLSA).map(answer -> {
            // RFC 7672 §2.2.3: records DNSSEC did not prove are as good as none
            if (!answer.secure() || answer.records().isEmpty()) {
                return (TlsaLookup) new TlsaLookup.None();
            }
            List<Tlsa> records = answer.records().stream().filter(TLSARecord.class::isInstance).map(TLSARecord.class::cast)
                    .map(r -> new Tlsa(r.getCertificateUsage(), r.getSelector(), r.getMatchingType(), r.getCertificateAssociationData()))
                    .toList();
            // usable ones first, so that unusable padding cannot push them past the bound
            return new TlsaLookup.Found(java.util.stream.Stream.concat(records.stream().filter(Tlsa::usable),
                    records.stream().filter(r -> !r.usable())).limit(MAX_TLSA).toList());
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
        // one resolver for the MX and its hosts' addresses, should a probe switch between them meanwhile
        AsyncDns dns = dns();
        return dns.answer(name, Type.MX).flatMap(mx -> {
            if (mx.records().isEmpty()) {
                // RFC 5321 §5.1: no MX, the domain itself is the implicit MX
                return addresses(dns, List.of(name), mx.secure());
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
            return addresses(dns, hosts, mx.secure());
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
    private static Uni<Lookup> addresses(AsyncDns dns, List<Name> hosts, boolean mxSecure) {
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
