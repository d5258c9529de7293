package io.mailserver.smtp.outbound;

import io.mailserver.smtp.client.AttemptOutcome;
import io.mailserver.smtp.outbound.mtasts.StsPolicies;
import io.mailserver.smtp.outbound.mtasts.StsPolicy;
import io.mailserver.smtp.outbound.dane.Tlsa;
import io.mailserver.smtp.outbound.dane.TlsaLookup;
import io.mailserver.smtp.outbound.tls.TlsPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which servers an attempt may try, in order, and what TLS each must offer: the rules of DANE
 * (RFC 7672 §2.2), MTA-STS (RFC 8461 §4, §5) and REQUIRETLS (RFC 8689 §4.2.1) over what routing and
 * DNS found. Pure: no I/O.
 */
final class NextHops {

    /** One server to try and what TLS it must offer. */
    record Hop(String address, int port, TlsPolicy tls) {
    }

    /** What the attempt does. */
    sealed interface Choice {

        /** Try these, in order. */
        record Try(List<Hop> hops) implements Choice {
            public Try {
                hops = List.copyOf(hops);
            }
        }

        /** Try none: every recipient gets this outcome. */
        record Settle(AttemptOutcome.Kind kind, String diagnostic) implements Choice {
        }
    }

    private NextHops() {
    }

    /**
     * A configured route: the operator's choice of next hop, whose name is as good as an
     * authenticated MX for REQUIRETLS; an address literal names nothing a certificate could prove.
     */
    static Choice route(Routes.Target target, boolean requireTls) {
        if (!requireTls) {
            return new Choice.Try(List.of(new Hop(target.host(), target.port(), TlsPolicy.OPPORTUNISTIC)));
        }
        if (isAddress(target.host())) {
            return new Choice.Settle(AttemptOutcome.Kind.BOUNCED, "5.7.10 REQUIRETLS: the route is the address "
                    + target.host() + ", which no certificate name can be checked against");
        }
        return new Choice.Try(List.of(new Hop(target.host(), target.port(), new TlsPolicy.Verified(target.host(), "REQUIRETLS"))));
    }

    /**
     * MX hosts under DANE and the domain's MTA-STS policy, host by host in MX order:
     * <ul>
     * <li>a host with usable DNSSEC-proved TLSA records is authenticated by them (DANE wins over
     * MTA-STS, RFC 8461 §2); one whose TLSA lookup failed or did not validate is not tried now;</li>
     * <li>otherwise, under an enforced MTA-STS policy only the hosts it names are tried, each with a
     * verified certificate for its name;</li>
     * <li>otherwise a host with TLSA records none of which is usable gets TLS without authentication
     * (RFC 7672 §2.2), and the rest opportunistic TLS.</li>
     * </ul>
     * With REQUIRETLS only authenticated hosts are tried: DANE ones, and those an MTA-STS policy in
     * either mode names. No host left defers the mail, except that REQUIRETLS mail for a domain with
     * neither an MTA-STS policy nor DANE bounces 5.7.10.
     *
     * @param tlsa the TLSA lookups of the hosts whose addresses DNSSEC proved, by host name
     */
    static Choice mx(String domain, List<MailExchangers.Lookup.Exchange> exchanges, int port, StsPolicies.Answer policy,
            boolean requireTls, Map<String, TlsaLookup> tlsa) {
        Optional<StsPolicy> sts = policy instanceof StsPolicies.Answer.Policy found ? Optional.of(found.policy()) : Optional.empty();
        boolean enforced = sts.filter(p -> p.mode() == StsPolicy.Mode.ENFORCE).isPresent();
        List<Hop> hops = new ArrayList<>();
        Optional<String> daneFailure = Optional.empty();
        for (MailExchangers.Lookup.Exchange exchange : exchanges) {
            TlsaLookup records = tlsa.getOrDefault(exchange.host(), new TlsaLookup.None());
            if (records instanceof TlsaLookup.Failed failed) {
                daneFailure = daneFailure.or(() -> Optional.of(failed.reason()));
                continue;
            }
            List<Tlsa> usable = records instanceof TlsaLookup.Found found ? found.usable() : List.of();
            TlsPolicy tls;
            if (!usable.isEmpty()) {
                tls = new TlsPolicy.Dane(exchange.host(), usable);
            } else if (requireTls || enforced) {
                if (sts.isEmpty() || !sts.get().permits(exchange.host())) {
                    continue;
                }
                tls = new TlsPolicy.Verified(exchange.host(), requireTls ? "REQUIRETLS" : "the MTA-STS policy of " + domain);
            } else {
                tls = records instanceof TlsaLookup.Found ? new TlsPolicy.Encrypted(exchange.host()) : TlsPolicy.OPPORTUNISTIC;
            }
            hops.add(new Hop(exchange.address(), port, tls));
        }
        if (!hops.isEmpty()) {
            return new Choice.Try(hops);
        }
        if (daneFailure.isPresent()) {
            return new Choice.Settle(AttemptOutcome.Kind.DEFERRED, "4.7.5 " + daneFailure.get());
        }
        if (sts.isPresent()) {
            return new Choice.Settle(AttemptOutcome.Kind.DEFERRED,
                    "4.7.5 no MX host of " + domain + " is one its MTA-STS policy names");
        }
        if (policy instanceof StsPolicies.Answer.Unknown unknown) {
            return new Choice.Settle(AttemptOutcome.Kind.DEFERRED, "4.7.10 REQUIRETLS: " + unknown.reason() + " for " + domain);
        }
        return new Choice.Settle(AttemptOutcome.Kind.BOUNCED, "5.7.10 REQUIRETLS: the mail hosts of " + domain
                + " cannot be authenticated (neither an MTA-STS policy nor DNSSEC-signed TLSA records)");
    }

    /** An IPv4 or IPv6 address literal rather than a host name. */
    static boolean isAddress(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }
}
