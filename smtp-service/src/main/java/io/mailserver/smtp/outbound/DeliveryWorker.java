package io.mailserver.smtp.outbound;

import io.mailserver.smtp.client.AttemptOutcome;
import io.mailserver.smtp.client.QueueClient;
import io.mailserver.smtp.client.QueuedEntry;
import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.metrics.SmtpMetrics;
import io.mailserver.smtp.outbound.mtasts.StsLookups;
import io.mailserver.smtp.outbound.mtasts.StsPolicies;
import io.mailserver.smtp.outbound.mtasts.StsPolicy;
import io.mailserver.smtp.outbound.dane.TlsaLookup;
import io.mailserver.smtp.outbound.tls.ServerCertificates;
import io.mailserver.smtp.outbound.tls.TlsRequirement;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Provider;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * A delivery worker: leases due entries of the outbound queue from storage, delivers each to its
 * domain's next hop (a configured {@link Routes route}, else its MX hosts from {@link MailExchangers},
 * as DANE, the domain's MTA-STS policy and the sender's REQUIRETLS allow: {@link NextHops}), tells
 * the sender what its recipients' NOTIFY asks for ({@link DeliveryNotices}: failures, delays, relays)
 * and reports every recipient's outcome. Workers of all instances share the
 * queue: a lease is one worker's until it reports or the lease runs out (a killed instance), and a
 * report after the lease ran out is refused, so an outcome is recorded once.
 *
 * <p>The sender's report is queued (durably, by Deliver) before the outcomes that make a failure
 * final are recorded; see {@link DeliveryNotices} for why a kill in between sends it once.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    /** MX hosts tried in one attempt before the entry waits for its next one. */
    static final int MAX_HOSTS_PER_ATTEMPT = 5;

    private final Vertx vertx;
    private final MailConfig config;
    private final MailConfig.Delivery settings;
    private final QueueClient queue;
    private final Routes routes;
    private final MailExchangers exchangers;
    private final StsPolicies stsPolicies;
    private final DeliveryNotices notices;
    private final SmtpMetrics metrics;
    /** Taken when the worker starts: an instance with delivery off reads no authorities. */
    private final Provider<ServerCertificates> certificates;
    private final String worker;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The entries being attempted, whose leases the renewal timer keeps this worker's. */
    private final Set<Long> attempting = ConcurrentHashMap.newKeySet();
    private final DomainSlots slots;
    /** Notified when the last attempt in flight ends (shutdown waits on it). */
    private final Object idle = new Object();
    private final AtomicBoolean leasing = new AtomicBoolean();
    private RemoteDelivery remote;
    private long timer = -1;
    private long renewal = -1;
    private volatile boolean stopping;

    public DeliveryWorker(Vertx vertx, MailConfig config, QueueClient queue, Routes routes, MailExchangers exchangers,
            StsLookups stsLookups, DeliveryNotices notices, SmtpMetrics metrics, Provider<ServerCertificates> certificates) {
        this.vertx = vertx;
        this.config = config;
        this.settings = config.smtp().delivery();
        this.queue = queue;
        this.routes = routes;
        this.exchangers = exchangers;
        this.stsPolicies = new StsPolicies(stsLookups, Clock.systemUTC(), settings.mtaSts().cacheSize());
        this.notices = notices;
        this.metrics = metrics;
        this.certificates = certificates;
        this.worker = hostName() + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.slots = new DomainSlots(settings.perDomainConcurrency());
    }

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            LOG.info("outbound delivery workers are off in this instance (mail.smtp.delivery.enabled=false)");
            return;
        }
        // Every handshake takes any certificate (opportunistic TLS, RFC 7435); when a policy asks for a
        // verified one, RemoteDelivery checks the chain after the handshake, before sending anything.
        NetClientOptions options = new NetClientOptions().setTrustAll(true).setHostnameVerificationAlgorithm("")
                .setConnectTimeout((int) settings.connectTimeout().toMillis());
        remote = new RemoteDelivery(vertx, vertx.createNetClient(options), config.hostname(),
                new RemoteDelivery.Timeouts(settings.connectTimeout(), settings.commandTimeout(), settings.commandTimeout(),
                        settings.finalReplyTimeout()),
                certificates.get(),
                new RemoteDelivery.Reuse(settings.sessionIdle(), settings.sessionMessages(), slots.perDomain(),
                        settings.concurrency()));
        timer = vertx.setPeriodic(settings.pollInterval().toMillis(), t -> poll());
        // a third of the lease: two renewals may fail (storage briefly away) before an entry is lost
        renewal = vertx.setPeriodic(Math.max(1000, settings.lease().toMillis() / 3), t -> renewLeases());
        LOG.infof("outbound delivery worker %s started (%d at once, %d per domain)", worker, settings.concurrency(),
                slots.perDomain());
    }

    /**
     * Stops leasing and lets the attempts in flight finish (up to {@code shutdown-grace}): an attempt
     * cut off after the remote server took the message would be delivered again by the next worker.
     */
    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (renewal >= 0) {
            vertx.cancelTimer(renewal);
        }
        stopping = true;
        long until = System.nanoTime() + settings.shutdownGrace().toNanos();
        synchronized (idle) {
            long left;
            while (inFlight.get() > 0 && (left = until - System.nanoTime()) > 0) {
                try {
                    idle.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (inFlight.get() > 0) {
            LOG.warnf("%d outbound attempts still running at shutdown; their entries are retried when the leases run out",
                    inFlight.get());
        }
        if (remote != null) {
            remote.closeIdleSessions();
        }
    }

    /**
     * Leases as many entries as this instance has room for, unless a lease call is still out. Room
     * counts every entry held, waiting for a slot or not, and storage leaves out what the per-domain
     * slots could not start now: an entry leased is attempted at once rather than sitting idle on a
     * lease another instance could have used.
     */
    void poll() {
        int room = settings.concurrency() - inFlight.get();
        if (stopping || room <= 0 || !leasing.compareAndSet(false, true)) {
            return;
        }
        queue.lease(worker, room, settings.lease(), slots.perDomain(), slots.held()).subscribe().with(entries -> {
            try {
                entries.forEach(this::attempt);
            } finally {
                // only now: a lease asked for meanwhile would not have counted these
                leasing.set(false);
            }
        }, failure -> {
            leasing.set(false);
            LOG.debugf("leasing from the outbound queue failed: %s", failure.toString());
        });
    }

    /**
     * Keeps the leases of the entries in flight: an attempt may outlast one lease (a slow remote
     * server, a long message), and an entry whose lease ran out would be delivered again by another
     * worker, or by this one.
     */
    void renewLeases() {
        if (attempting.isEmpty()) {
            return;
        }
        List<Long> held = List.copyOf(attempting);
        queue.renew(worker, held, settings.lease()).subscribe().with(renewed -> {
            if (renewed.size() < held.size()) {
                LOG.warnf("%d outbound queue entries lost their lease mid-attempt; another worker may deliver them too",
                        held.size() - renewed.size());
            }
        }, failure -> LOG.debugf("renewing outbound leases failed: %s", failure.toString()));
    }

    /**
     * Takes a leased entry: attempted now, or once its domain has a free slot. Until it ends it is in
     * {@code attempting}, waiting or not, so the renewal timer keeps its lease.
     */
    private void attempt(QueuedEntry entry) {
        inFlight.incrementAndGet();
        attempting.add(entry.entryId());
        slots.submit(entry.domain(), () -> {
            if (stopping) {
                // shutting down: left to its lease, retried by whichever worker leases it next
                ended(entry);
                return;
            }
            // deferred: even a failure while setting the attempt up must end it and free its slot
            Uni.createFrom().deferred(() -> process(entry))
                    .onTermination().invoke(() -> ended(entry))
                    .subscribe().with(ignored -> {
                    }, failure -> LOG.warnf("queue entry %d: attempt not recorded (%s); it is retried when its lease runs out",
                            entry.entryId(), failure.toString()));
        });
    }

    private void ended(QueuedEntry entry) {
        attempting.remove(entry.entryId());
        attemptEnded();
        slots.release(entry.domain());
    }

    private void attemptEnded() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    Uni<Void> process(QueuedEntry entry) {
        return outcomes(entry)
                .flatMap(outcomes -> notices.send(entry, outcomes, worker))
                .flatMap(noticed -> {
                    List<AttemptOutcome> outcomes = noticed.outcomes();
                    outcomes.forEach(o -> metrics.outbound(o.kind().name().toLowerCase(java.util.Locale.ROOT)));
                    if (LOG.isDebugEnabled()) {
                        outcomes.forEach(o -> LOG.debugf("queue entry %d (%s) recipient %d: %s %s", entry.entryId(),
                                entry.domain(), o.index(), o.kind(), o.diagnostic()));
                    }
                    String error = outcomes.stream().filter(o -> o.kind() != AttemptOutcome.Kind.DELIVERED)
                            .map(AttemptOutcome::diagnostic).findFirst().orElse("");
                    boolean finished = outcomes.stream().noneMatch(o -> o.kind() == AttemptOutcome.Kind.DEFERRED);
                    metrics.outboundAttempt(finished, entry.attempts());
                    return queue.report(entry.entryId(), worker, outcomes, Instant.now().plus(backoff(entry.attempts())), error,
                            noticed.delayWarned());
                })
                .replaceWithVoid();
    }

    /** This attempt's outcome for every recipient of the entry. */
    private Uni<List<AttemptOutcome>> outcomes(QueuedEntry entry) {
        if (!Instant.now().isBefore(entry.expiresAt())) {
            return Uni.createFrom().item(all(entry, AttemptOutcome.Kind.BOUNCED,
                    "delivery time expired: not delivered since " + entry.queuedAt()));
        }
        // REQUIRETLS binds whatever the sender: RFC 8689 relaxes it for bounces, but ours are never tagged,
        // and a message a client tagged (an MDN with <>, say) must not leave in the clear
        boolean requireTls = entry.tlsRequirement() == TlsRequirement.REQUIRED;
        Optional<Routes.Target> configured = routes.target(entry.domain());
        if (configured.isPresent()) {
            return follow(entry, NextHops.route(configured.get(), requireTls));
        }
        if (!routes.mxLookup()) {
            return Uni.createFrom().item(all(entry, AttemptOutcome.Kind.DEFERRED, "no route to " + entry.domain()));
        }
        // "TLS-Required: No": the sender would rather have the mail arrive than wait for a policy's TLS
        Uni<StsPolicies.Answer> policy = entry.tlsRequirement() == TlsRequirement.OPTIONAL || !settings.mtaSts().enabled()
                ? Uni.createFrom().item(new StsPolicies.Answer.None()) : stsPolicies.policy(entry.domain());
        return Uni.combine().all().unis(exchangers.lookup(entry.domain()), policy).asTuple()
                .flatMap(found -> {
                    MailExchangers.Lookup lookup = found.getItem1();
                    if (lookup instanceof MailExchangers.Lookup.Addresses addresses) {
                        logTestingMismatch(entry.domain(), addresses.exchanges(), found.getItem2());
                        return tlsa(entry, addresses.exchanges()).flatMap(tlsa -> follow(entry, NextHops.mx(entry.domain(),
                                addresses.exchanges(), settings.port(), found.getItem2(), requireTls, tlsa)));
                    }
                    if (lookup instanceof MailExchangers.Lookup.Permanent never) {
                        return Uni.createFrom().item(all(entry, AttemptOutcome.Kind.BOUNCED, never.diagnostic()));
                    }
                    return Uni.createFrom().item(all(entry, AttemptOutcome.Kind.DEFERRED,
                            ((MailExchangers.Lookup.Temporary) lookup).diagnostic()));
                });
    }

    /**
     * The TLSA lookups of the hosts whose addresses DNSSEC proved (RFC 7672 §2.2.2), by host; none with
     * DANE off, or for a message whose sender said "TLS-Required: No" (RFC 8689 §5).
     */
    private Uni<Map<String, TlsaLookup>> tlsa(QueuedEntry entry, List<MailExchangers.Lookup.Exchange> exchanges) {
        List<String> hosts = settings.dane().enabled() && entry.tlsRequirement() != TlsRequirement.OPTIONAL
                ? exchanges.stream().filter(MailExchangers.Lookup.Exchange::secure).map(MailExchangers.Lookup.Exchange::host)
                        .distinct().toList()
                : List.of();
        if (hosts.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Uni.join().all(hosts.stream().map(host -> exchangers.tlsa(host, settings.port())).toList()).andFailFast()
                .map(found -> {
                    Map<String, TlsaLookup> byHost = new HashMap<>();
                    for (int i = 0; i < hosts.size(); i++) {
                        byHost.put(hosts.get(i), found.get(i));
                    }
                    return byHost;
                });
    }

    private Uni<List<AttemptOutcome>> follow(QueuedEntry entry, NextHops.Choice choice) {
        if (choice instanceof NextHops.Choice.Settle settle) {
            return Uni.createFrom().item(all(entry, settle.kind(), settle.diagnostic()));
        }
        return attempt(entry, ((NextHops.Choice.Try) choice).hops(), 0);
    }

    /** A testing-mode policy changes nothing, but what enforce would refuse is worth an operator's look. */
    private static void logTestingMismatch(String domain, List<MailExchangers.Lookup.Exchange> exchanges,
            StsPolicies.Answer policy) {
        if (policy instanceof StsPolicies.Answer.Policy found && found.policy().mode() == StsPolicy.Mode.TESTING) {
            exchanges.stream().filter(e -> !found.policy().permits(e.host())).findFirst()
                    .ifPresent(e -> LOG.debugf("MTA-STS (testing) for %s: MX host %s is not in the policy", domain, e.host()));
        }
    }

    /**
     * Delivers to {@code targets.get(i)}; when that server deferred every recipient (down, busy,
     * refusing to talk), or refused all for want of REQUIRETLS (a backup MX may offer it), the next one
     * is tried, up to {@value #MAX_HOSTS_PER_ATTEMPT} (RFC 5321 §5.1).
     */
    private Uni<List<AttemptOutcome>> attempt(QueuedEntry entry, List<NextHops.Hop> targets, int i) {
        NextHops.Hop target = targets.get(i);
        List<OutboundMessage.Recipient> recipients = entry.recipients().stream()
                .map(r -> new OutboundMessage.Recipient(r.address(), r.dsnNotify(), r.originalRecipient())).toList();
        OutboundMessage message = new OutboundMessage(entry.mailFrom(), recipients, entry.size(),
                queue.content(entry.entryId(), worker), entry.envid(), entry.ret(), entry.smtputf8(),
                entry.eightBit(), entry.tlsRequirement() == TlsRequirement.REQUIRED);
        return remote.deliver(target.address(), target.port(), message, target.tls()).flatMap(results -> {
            boolean allDeferred = results.stream().allMatch(r -> r.kind() == RecipientResult.Kind.DEFERRED);
            boolean noRequireTls = results.stream().allMatch(RecipientResult::nextHopLacksRequireTls);
            if ((allDeferred || noRequireTls) && i + 1 < Math.min(targets.size(), MAX_HOSTS_PER_ATTEMPT)) {
                return attempt(entry, targets, i + 1);
            }
            List<AttemptOutcome> outcomes = new ArrayList<>();
            for (int r = 0; r < results.size(); r++) {
                RecipientResult result = results.get(r);
                outcomes.add(new AttemptOutcome(entry.recipients().get(r).index(), switch (result.kind()) {
                    case DELIVERED -> AttemptOutcome.Kind.DELIVERED;
                    case BOUNCED -> AttemptOutcome.Kind.BOUNCED;
                    case DEFERRED -> AttemptOutcome.Kind.DEFERRED;
                }, result.diagnostic(), result.dsnPassedOn()));
            }
            return Uni.createFrom().item(outcomes);
        });
    }

    private static List<AttemptOutcome> all(QueuedEntry entry, AttemptOutcome.Kind kind, String diagnostic) {
        return entry.recipients().stream().map(r -> new AttemptOutcome(r.index(), kind, diagnostic)).toList();
    }

    /** RFC 5321 §4.5.4.1: wait longer after every failed attempt, up to a ceiling. */
    Duration backoff(int attemptsBefore) {
        Duration wait = settings.retryBase();
        for (int i = 0; i < attemptsBefore && wait.compareTo(settings.retryMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : wait;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "smtp";
        }
    }
}
