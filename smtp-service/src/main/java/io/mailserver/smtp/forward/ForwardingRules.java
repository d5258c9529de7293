package io.mailserver.smtp.forward;

import io.mailserver.smtp.dsn.Notify;
import io.mailserver.smtp.mailauth.dmarc.DmarcResult;
import io.mailserver.smtp.mailauth.dmarc.OrganizationalDomain;
import java.util.Collection;
import java.util.Locale;

/**
 * What forwarding mail from another server may do, decided without I/O. Sending on from an SRS address
 * of the alias's domain makes SPF pass there for that domain, so the forward must never lend that
 * pass to mail this server judged false, and must not turn this server into a reflector of reports
 * to forged senders.
 */
public final class ForwardingRules {

    private static final OrganizationalDomain ORGANIZATIONAL = OrganizationalDomain.bundled();

    private ForwardingRules() {
    }

    /** What happens to the forwards of one message. */
    public enum Decision {
        FORWARD,
        /** Left out: the local copies are delivered, the forwards are not. */
        DROP,
        /** Not now: DMARC could not be evaluated for an author the forward would vouch for; 451, retried. */
        DEFER
    }

    /**
     * Whether the forwards may be sent. Not for mail filed as junk here, and not for mail whose author
     * domain is (organizationally) a forwarding domain without DMARC passing here: the SRS sender would
     * align with that From at the destination and pass DMARC there, for a forgery. When DMARC could not
     * be evaluated for such an author (a DNS failure), the sender is asked to try again rather than
     * losing the forward.
     *
     * @param authorDomain the From domain DMARC judged; null when the checks did not get that far
     */
    public static Decision decide(boolean junk, String authorDomain, DmarcResult dmarc, Collection<String> forwardingDomains) {
        if (junk) {
            return Decision.DROP;
        }
        if (authorDomain == null || dmarc == DmarcResult.PASS) {
            return Decision.FORWARD;
        }
        String author = ORGANIZATIONAL.of(authorDomain.toLowerCase(Locale.ROOT));
        boolean aligned = forwardingDomains.stream().map(d -> ORGANIZATIONAL.of(d.toLowerCase(Locale.ROOT)))
                .anyMatch(author::equals);
        if (!aligned) {
            return Decision.FORWARD;
        }
        return dmarc == DmarcResult.TEMPERROR ? Decision.DEFER : Decision.DROP;
    }

    /**
     * The NOTIFY a forward carries on. A sender not known to be real (no SPF pass) hears of failures
     * only: success and delay reports would go to whoever the forger named. An alias expanding to
     * several destinations passes no SUCCESS on either (RFC 3461 §6.2.7.3: one success is the
     * sender's to ask for, not one per copy).
     */
    public static Notify onward(Notify asked, boolean senderKnown, boolean expanded) {
        if (asked.never() || (senderKnown && !expanded)) {
            return asked;
        }
        boolean failure = asked.wantsFailure();
        boolean delay = senderKnown && asked.wantsDelay();
        return failure || delay ? new Notify(true, false, failure, delay) : Notify.NEVER;
    }
}
