package io.mailserver.smtp.config;

import io.mailserver.protocol.smtp.BareLineEndings;
import io.mailserver.protocol.tls.CleartextAuth;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration of smtp-service under the {@code mail} prefix. Keys the rest of the
 * system passes to every service are declared here too, so the mapping can stay strict about
 * unknown keys.
 */
@ConfigMapping(prefix = "mail")
public interface MailConfig {

    /**
     * The name this server greets with, puts in {@code Received:} headers and answers EHLO with
     * (RFC 5321 §4.1.1.1); it should be the name the MX record points to.
     */
    @WithDefault("localhost")
    String hostname();

    /** The SMTP listeners and their limits ({@code mail.smtp.*}). */
    Smtp smtp();

    /** Server certificate for STARTTLS and the implicit-TLS port ({@code mail.tls.*}). */
    Tls tls();

    /** {@code mail.smtp.*}. */
    interface Smtp {

        /** Address every listener binds to. */
        @WithDefault("0.0.0.0")
        String host();

        /** Inbound MX from other mail servers ({@code mail.smtp.mx.*}). */
        Mx mx();

        /** Message submission with STARTTLS, RFC 6409 ({@code mail.smtp.submission.*}). */
        Submission submission();

        /** Message submission over implicit TLS, RFC 8314 ({@code mail.smtp.submissions.*}). */
        Submissions submissions();

        /**
         * What DATA does with a bare LF or bare CR in message content (RFC 5321 §2.3.8 forbids both):
         * {@code normalize} stores each as CRLF, {@code reject} refuses the message with 550 5.5.2.
         * Either way only CRLF "." CRLF ends the data, so nothing can be smuggled behind a message,
         * and what is stored has CRLF line endings only.
         */
        @WithDefault("normalize")
        BareLineEndings bareLineEndings();

        /**
         * The mailbox that mail to {@code postmaster} reaches (RFC 5321 §4.5.1), bare or at any hosted
         * domain that has no postmaster account or alias of its own; for example {@code admin@example.org}.
         * Unset, such mail is refused like any unknown user (a warning is logged at start).
         */
        Optional<String> postmaster();

        /** Sizes and counts that bound what one client can make this instance do ({@code mail.smtp.limits.*}). */
        Limits limits();

        /** Timeouts ({@code mail.smtp.timeouts.*}). */
        Timeouts timeouts();

        /** Outbound delivery of the queue by this instance's workers ({@code mail.smtp.delivery.*}). */
        Delivery delivery();

        /** The DNS smtp-service asks: MX lookups, SPF, DKIM and DMARC ({@code mail.smtp.dns.*}). */
        Dns dns();

        /** Mail an alias forwards to other domains ({@code mail.smtp.forwarding.*}). */
        Forwarding forwarding();

        /** Recipient lookups kept for a short time ({@code mail.smtp.recipient-cache.*}). */
        RecipientCache recipientCache();
    }

    /** {@code mail.smtp.recipient-cache.*}. */
    interface RecipientCache {

        /**
         * How long an address auth-service found hosted here (its accounts and forwards) is used
         * without asking again, by RCPT and the submission sender check, and how long an account
         * with at least half of each quota limit free is taken to have room. An unknown address is
         * asked every time, so a new account or alias takes mail at once. A removed or re-pointed
         * one may still take mail the old way for this long, as it always could between RCPT and
         * the end of DATA (storage's reconciliation removes what reaches a removed account).
         * {@code 0s}: always ask.
         */
        @WithDefault("5s")
        Duration ttl();

        /**
         * Addresses kept at most, and accounts' quota answers as many again; a full cache is
         * emptied and asked again. {@code 0}: always ask.
         */
        @WithDefault("10000")
        int maxEntries();
    }

    /** {@code mail.smtp.forwarding.*}. */
    interface Forwarding {
        /**
         * Secrets of the Sender Rewriting Scheme, each at least 16 characters: mail from another server
         * that an alias forwards goes out from {@code SRS0=hash=time=domain=local@alias-domain}, so SPF
         * passes at the destination, and bounces to that address come back to the original sender. The
         * first secret signs, all of them verify (list the old one second while rotating). Every
         * instance needs the same list. Unset: forwarded mail keeps its sender (SPF fails at the
         * destination for senders that publish it) and SRS addresses take nothing (a warning at start).
         */
        Optional<List<String>> srsSecrets();

        /** How long a bounce to an SRS address is taken back (Mail::SRS's default, 21 days). */
        @WithDefault("21d")
        Duration srsMaxAge();

        /**
         * Whether forwarded mail from other servers gets an ARC set (RFC 8617) sealed with the alias
         * domain's DKIM key, recording this server's SPF/DKIM/DMARC results for the destination.
         */
        @WithDefault("true")
        boolean arcSeal();
    }

    /** {@code mail.smtp.dns.*}. */
    interface Dns {
        /** DNS servers to ask, {@code host} or {@code host:port}; the system's resolvers when unset. */
        Optional<List<String>> servers();

        /**
         * How long one DNS query may take; a lookup that cannot finish defers an outbound attempt, or
         * makes an inbound check a temperror.
         */
        @WithDefault("10s")
        Duration timeout();

        /**
         * DNSSEC trust anchors for DANE's lookups, DS or DNSKEY records in zone-file form
         * ({@code . IN DS 20326 8 2 E06D...}); unset, the root zone's keys as IANA publishes them.
         * Setting it replaces those: to add a private zone's anchor, list the root's too, or DANE
         * applies to the private zone only.
         */
        Optional<List<String>> trustAnchors();
    }

    /** {@code mail.smtp.delivery.*}. */
    interface Delivery {

        /** Whether this instance runs delivery workers (every instance may; they share the queue). */
        @WithDefault("true")
        boolean enabled();

        /**
         * A smarthost every outbound message goes to, {@code host:port} (an operator behind a relay).
         * Per-domain {@code routes} win over it.
         */
        Optional<String> relay();

        /**
         * Where mail for one domain goes, {@code host:port}, e.g.
         * {@code mail.smtp.delivery.routes."example.net"=10.0.0.5:25}; wins over MX lookup and the relay.
         */
        Map<String, String> routes();

        /**
         * Whether domains without a route are delivered to their MX hosts (RFC 5321 §5.1). Off, only
         * routed domains (or all, with a {@code relay}) are accepted for relaying; others get 550 5.7.1.
         */
        @WithDefault("true")
        boolean mxLookup();

        /** The port of MX hosts (25; another only for tests and unusual networks). */
        @WithDefault("25")
        int port();

        /** How often a worker asks storage for due entries when it has room for more. */
        @WithDefault("5s")
        Duration pollInterval();

        /** Entries one instance delivers at once (each one connection). */
        @WithDefault("10")
        int concurrency();

        /**
         * Attempts one instance makes at once to one destination domain, so a burst neither floods its
         * servers nor takes every attempt from the other domains; the worker leases no more of a
         * domain than this lets it start. Less than 1 counts as 1.
         */
        @WithDefault("5")
        int perDomainConcurrency();

        /**
         * How long a leased entry stays this worker's without renewal. The worker renews the leases of
         * its attempts every third of this while they run, so it bounds how long a killed worker's
         * entries wait for another, not how long an attempt may take.
         */
        @WithDefault("2m")
        Duration lease();

        /** Wait before the first retry; doubled with each attempt up to {@code retry-max}. */
        @WithDefault("5m")
        Duration retryBase();

        @WithDefault("4h")
        Duration retryMax();

        /**
         * How long mail may wait in the queue before its sender is told it is delayed (one DSN,
         * RFC 3464 "Action: delayed", per queued entry, to recipients whose NOTIFY includes DELAY or
         * who gave none); 0 sends no delay notices.
         */
        @WithDefault("4h")
        Duration delayWarningAfter();

        /** Connecting to a remote server. */
        @WithDefault("30s")
        Duration connectTimeout();

        /** Each reply but the last one to the data (RFC 5321 §4.5.3.2 asks for 5 minutes). */
        @WithDefault("5m")
        Duration commandTimeout();

        /** The reply to the end of the data (RFC 5321 §4.5.3.2.6: 10 minutes). */
        @WithDefault("10m")
        Duration finalReplyTimeout();

        /** At shutdown, how long attempts in flight may take to finish before the process ends. */
        @WithDefault("30s")
        Duration shutdownGrace();

        /**
         * How long a session to a remote server stays open after a message for the next one to the
         * same address (and TLS policy); 0 closes every session after its message. At most
         * {@code per-domain-concurrency} sessions per destination and {@code concurrency} in all wait so.
         */
        @WithDefault("5s")
        Duration sessionIdle();

        /** Messages one session to a remote server carries at most before it is closed. */
        @WithDefault("100")
        int sessionMessages();

        /** {@code mail.smtp.delivery.tls.*}: checking other servers' certificates when a policy asks for it. */
        RemoteTls tls();

        /** {@code mail.smtp.delivery.mta-sts.*}: RFC 8461. */
        MtaSts mtaSts();

        /** {@code mail.smtp.delivery.dane.*}: RFC 7672. */
        Dane dane();
    }

    /** {@code mail.smtp.delivery.dane.*}. */
    interface Dane {

        /**
         * Whether MX delivery validates DNSSEC itself (from {@code mail.smtp.dns.trust-anchors}) and
         * follows the TLSA records of MX hosts whose names and addresses DNSSEC proved: such a host
         * gets STARTTLS and a certificate the records match, or nothing. It needs resolvers in
         * {@code mail.smtp.dns.servers} that pass DNSSEC records on, over a path no attacker controls:
         * a probe every minute checks that answers validate, and after 3 failures in a row, until one does, lookups go
         * unvalidated and DANE is off (logged as a warning).
         */
        @WithDefault("true")
        boolean enabled();
    }

    /** {@code mail.smtp.delivery.tls.*}. */
    interface RemoteTls {

        /**
         * PEM files of certificate authorities a verified connection (MTA-STS, REQUIRETLS, and the
         * policy fetch itself) trusts besides the JVM's own, the public web PKI that MTA-STS domains
         * use: a private PKI adds to it, never replaces it.
         */
        Optional<List<Path>> trustedAuthorities();
    }

    /** {@code mail.smtp.delivery.mta-sts.*}. */
    interface MtaSts {

        /**
         * Whether domains' MTA-STS policies are looked up and followed on MX delivery (not on routes
         * or the relay, which the operator chose). In enforce mode only the policy's MX hosts are
         * tried, each only over STARTTLS with a trusted certificate for its name; a host that fails
         * defers the mail. Off together with DANE, REQUIRETLS is not offered either: no MX host could be
         * authenticated.
         */
        @WithDefault("true")
        boolean enabled();

        /** The port of {@code https://mta-sts.<domain>/} (443; another only for tests). */
        @WithDefault("443")
        int policyPort();

        /** The whole policy fetch (connection, request, body); past it the request is reset. */
        @WithDefault("20s")
        Duration fetchTimeout();

        /** Policies kept per instance; the least recently used goes first. */
        @WithDefault("10000")
        int cacheSize();
    }

    /** {@code mail.smtp.limits.*}. */
    interface Limits {

        /**
         * Largest message accepted, in octets, counted after dot-unstuffing and before the
         * {@code Received:} header is added; advertised as the EHLO SIZE value (RFC 1870). Every
         * byte of a message is held in memory until storage has committed it, so this bounds the
         * memory of one connection; {@code message-memory} bounds them all together.
         */
        @WithDefault("52428800")
        long messageSize();

        /**
         * Octets of message data all connections of one instance hold in memory at once, counted in
         * the blocks that hold it (8 KiB to 64 KiB each, reserved before they are allocated) and
         * released once storage answered. Keep it well below the heap ({@code -Xmx}). A transfer that would go past it is read
         * to its end, dropped and answered 452 4.3.1, so the client retries later. Must be at least
         * {@code message-size}.
         */
        @WithDefault("268435456")
        long messageMemory();

        /** Accepted RCPT commands per transaction; further ones get 452 4.5.3 (RFC 5321 §4.5.3.1.8). */
        @WithDefault("100")
        int recipients();

        /**
         * A message with this many {@code Received} fields is refused at the end of DATA with 554 5.4.6
         * (RFC 5321 §6.3's loop detection, at the threshold it recommends): forwarding can loop.
         */
        @WithDefault("100")
        int hops();

        /**
         * Longest command line, CRLF excluded. RFC 5321 §4.5.3.1.4 allows 512 octets for a command
         * line and 1000 for a text line; the slack tolerates long parameter lists.
         */
        @WithDefault("2048")
        int lineLength();

        /** Error replies (5xx to commands) after which the connection is closed with 421. */
        @WithDefault("20")
        int errors();

        /** Open connections allowed from one client IP address across all listeners. */
        @WithDefault("20")
        int connectionsPerAddress();

        /**
         * Error replies (5xx) one client address may draw within {@code address-window}, across all
         * its connections; past that its connections get {@code 421 4.7.0} until the window slides.
         * What the per-connection {@code errors} cannot stop: a client that reconnects after a few
         * refusals (address probing, password guessing). Every 5xx counts, unknown recipients
         * included: a large provider's outbound address that sends this many refused messages an hour
         * is held back too, which its retries absorb. 0 turns it off.
         */
        @WithDefault("300")
        int addressErrors();

        /**
         * Recipients one client address may have accepted on the MX listener within
         * {@code address-window}; past that RCPT gets {@code 450 4.7.1}. 0 turns it off.
         */
        @WithDefault("2000")
        int addressRecipients();

        /** The sliding window of {@code address-errors} and {@code address-recipients}. */
        @WithDefault("1h")
        Duration addressWindow();

        /**
         * Networks (CIDR) the per-address budgets never count: loopback by default; add trusted
         * relays and monitoring. Behind a load balancer that hides client addresses every client
         * shares one address, so the budgets need the real one (PROXY protocol, or Kubernetes'
         * externalTrafficPolicy: Local) or must be turned off.
         */
        @WithDefault("127.0.0.0/8,::1")
        java.util.List<String> addressExempt();
    }

    /** {@code mail.smtp.mx.*}. */
    interface Mx {
        /** Port of the inbound MX listener. */
        @WithDefault("25")
        int port();

        /**
         * How long the MX waits before its greeting. A client that sends anything in that time did not
         * wait for it (RFC 5321 §3.1), as spamware often does not: it gets 554 and the connection ends.
         * 0 turns the check off.
         */
        @WithDefault("1s")
        Duration greetingDelay();

        /** SPF, DKIM and DMARC checks of mail from other servers ({@code mail.smtp.mx.authentication.*}). */
        Authentication authentication();
    }

    /** {@code mail.smtp.mx.authentication.*}. */
    interface Authentication {
        /** Whether MX mail is checked and gets an Authentication-Results header (RFC 8601). */
        @WithDefault("true")
        boolean enabled();

        /** What a failing DMARC result with a domain policy leads to. */
        @WithDefault("enforce")
        DmarcAction dmarcAction();

        /** Where quarantined mail goes (the accounts' Junk folder, made when an account is). */
        @WithDefault("Junk")
        String junkMailbox();

        /**
         * The deadline of the SPF, DKIM and DMARC checks (past it they are temperror and the message
         * is only tagged), and separately of the ARC validation after them (past it no {@code arc=}
         * result, and no waiver).
         */
        @WithDefault("20s")
        Duration timeLimit();

        /** Checks running at once; each holds a copy of a message's header section, not of its body. */
        @WithDefault("4")
        int concurrency();

        /**
         * Larger messages are not DKIM-verified (reported {@code dkim=policy}) nor ARC-validated (no
         * {@code arc=} entry): bounds the hashing work of one check (one pass over the body where the
         * session holds it for all DKIM signatures, another for ARC; the body is not copied).
         */
        @WithDefault("16777216")
        long dkimMaxSize();

        /**
         * Domains whose ARC seals (RFC 8617) are trusted: a message failing DMARC whose ARC chain
         * validates, was last sealed by one of them, and whose sealer recorded that DMARC passed for
         * its From domain when it received it gets no DMARC policy action, since a mailing list or
         * forwarder the operator trusts may have broken the author's signature on the way (RFC 7489
         * §7.2 local policy). Unset: ARC results are only reported.
         */
        Optional<List<String>> arcTrustedSealers();
    }

    /** A DMARC policy's effect here (RFC 7489 §6.7 leaves it to the receiver). */
    enum DmarcAction {
        /** p=reject: 550 5.7.1 at the end of DATA; p=quarantine: delivered to the Junk folder. */
        ENFORCE,
        /** Both to the Junk folder: nothing is refused for DMARC. */
        QUARANTINE,
        /** Only the Authentication-Results header says it. */
        TAG
    }

    /** {@code mail.smtp.submission.*}. */
    interface Submission {
        /** Port of the submission listener (STARTTLS). */
        @WithDefault("587")
        int port();

        /**
         * Whether submitted mail is DKIM-signed with the envelope sender's domain key (made and kept by
         * auth-service; {@code mailctl domain dkim} shows the record to publish).
         */
        @WithDefault("true")
        boolean dkimSign();

        /**
         * When AUTH may run on port 587 before STARTTLS: {@code never} (the default; AUTH is not even
         * advertised, and answered 538 5.7.11), {@code loopback} (also from a loopback address, for a
         * developer's machine), {@code always} (not for production). Port 465 is always TLS.
         */
        @WithDefault("never")
        CleartextAuth cleartextAuth();

        /**
         * Messages one account may submit in any 60 minutes, counted by storage across all
         * instances; past it MAIL gets 450 4.7.1. 0 for no limit.
         */
        @WithDefault("500")
        long messagesPerHour();

        /** Recipients one account may submit to in any 60 minutes; past it RCPT gets 450 4.7.1. 0 for no limit. */
        @WithDefault("2000")
        long recipientsPerHour();
    }

    /** {@code mail.smtp.submissions.*}. */
    interface Submissions {
        /** Port of the implicit-TLS submission listener; not bound when no certificate is configured. */
        @WithDefault("465")
        int port();
    }

    /** {@code mail.smtp.timeouts.*}. */
    interface Timeouts {

        /**
         * How long a client may stay silent before the server says 421 4.4.2 and closes
         * (RFC 5321 §4.5.3.2.7 asks servers to wait at least 5 minutes).
         */
        @WithDefault("5m")
        Duration idle();

        /**
         * Deadline of one call to auth-service; past it RCPT (and MAIL on submission) gets 451 4.4.3,
         * AUTH 454 4.7.0.
         */
        @WithDefault("10s")
        Duration auth();

        /**
         * Deadline of one Deliver call to storage-service, data included; past it the call is
         * cancelled (storage then stores nothing) and the client gets 451 4.3.0.
         */
        @WithDefault("60s")
        Duration storage();

        /** Deadline of the gRPC health checks behind the readiness probe. */
        @WithDefault("3s")
        Duration health();
    }

    /** {@code mail.tls.*}. */
    interface Tls {

        /** PEM certificate chain, leaf first. Without it there is no STARTTLS and no implicit-TLS listener. */
        Optional<Path> certificate();

        /** PEM private key of the certificate. */
        Optional<Path> privateKey();
    }
}
