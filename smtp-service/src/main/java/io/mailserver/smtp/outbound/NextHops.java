package io.mailserver.smtp.outbound;

import io.mailserver.smtp.client.AttemptOutcome;
import io.mailserver.smtp.outbound.mtasts.StsPolicies;
import io.mailserver.smtp.outbound.mtasts.StsPolicy;
import io.mailserver.smtp.outbound.tls.TlsPolicy;
import java.util.List;

/**
 * Which servers an attempt may try, in order, and what TLS each must offer: the rules of MTA-STS
 * (RFC 8461 §4, §5) and REQUIRETLS (RFC 8689 §4.2.1) over what routing and DNS found. Pure: no I/O.
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
     * MX hosts under the domain's MTA-STS policy. Without REQUIRETLS: in enforce mode only the hosts
     * the policy names, each with a verified certificate for its name (none named defers the mail);
     * otherwise all of them, opportunistically. With REQUIRETLS: the hosts a policy in either mode
     * names, verified; a domain without a policy bounces 5.7.10 (DANE, the other way to authenticate
     * an MX, is not supported), and one whose policy cannot be read now defers.
     */
    static Choice mx(String domain, List<MailExchangers.Lookup.Exchange> exchanges, int port, StsPolicies.Answer policy,
            boolean requireTls) {
        if (requireTls) {
            if (policy instanceof StsPolicies.Answer.Policy found) {
                return verified(domain, exchanges, port, found.policy(), "REQUIRETLS");
            }
            if (policy instanceof StsPolicies.Answer.Unknown unknown) {
                return new Choice.Settle(AttemptOutcome.Kind.DEFERRED, "4.7.10 REQUIRETLS: " + unknown.reason() + " for "
                        + domain);
            }
            return new Choice.Settle(AttemptOutcome.Kind.BOUNCED, "5.7.10 REQUIRETLS: the mail hosts of " + domain
                    + " cannot be authenticated (no MTA-STS policy; DANE is not supported here)");
        }
        if (policy instanceof StsPolicies.Answer.Policy found && found.policy().mode() == StsPolicy.Mode.ENFORCE) {
            return verified(domain, exchanges, port, found.policy(), "the MTA-STS policy of " + domain);
        }
        return new Choice.Try(exchanges.stream().map(e -> new Hop(e.address(), port, TlsPolicy.OPPORTUNISTIC)).toList());
    }

    private static Choice verified(String domain, List<MailExchangers.Lookup.Exchange> exchanges, int port, StsPolicy policy,
            String by) {
        List<Hop> hops = exchanges.stream().filter(e -> policy.permits(e.host()))
                .map(e -> new Hop(e.address(), port, new TlsPolicy.Verified(e.host(), by))).toList();
        if (hops.isEmpty()) {
            return new Choice.Settle(AttemptOutcome.Kind.DEFERRED,
                    "4.7.5 no MX host of " + domain + " is one its MTA-STS policy names");
        }
        return new Choice.Try(hops);
    }

    /** An IPv4 or IPv6 address literal rather than a host name. */
    static boolean isAddress(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }
}
