package io.mailserver.smtp.mailauth.spf;

import io.mailserver.smtp.mailauth.DnsTxtResolver;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * SPF (RFC 7208) for one SMTP transaction: the MAIL FROM identity, or the HELO identity when the reverse
 * path is null (§2.4). Blocking (it calls {@link DnsTxtResolver}); never throws on remote input.
 */
public final class SpfChecker {

    private final DnsTxtResolver dns;
    private final String receiver;

    public SpfChecker(DnsTxtResolver dns) {
        this(dns, null);
    }

    /** @param receiver this host's name, for the exp-only {@code %{r}} macro; {@code null} is "unknown" */
    public SpfChecker(DnsTxtResolver dns, String receiver) {
        this.dns = Objects.requireNonNull(dns);
        this.receiver = receiver;
    }

    /**
     * Checks the MAIL FROM identity; a null or empty reverse path ({@code ""} or {@code "<>"}) checks
     * {@code postmaster@<helo>} instead and reports it as the HELO identity.
     */
    public SpfOutcome check(InetAddress client, String helo, String mailFrom) {
        String path = mailFrom == null ? "" : mailFrom.strip();
        if (path.startsWith("<") && path.endsWith(">")) {
            path = path.substring(1, path.length() - 1);
        }
        if (path.isEmpty()) {
            return checkHelo(client, helo);
        }
        int at = path.lastIndexOf('@');
        // §4.3: a sender without a local-part is checked as postmaster of its domain
        String local = at <= 0 ? "postmaster" : path.substring(0, at);
        String domain = at < 0 ? path : path.substring(at + 1);
        return run(client, helo, local, domain, path, SpfOutcome.Identity.MAIL_FROM);
    }

    /** Checks the HELO identity alone (§2.3), as {@code postmaster@<helo>}. */
    public SpfOutcome checkHelo(InetAddress client, String helo) {
        String name = helo == null ? "" : helo.strip();
        return run(client, name, "postmaster", name, name, SpfOutcome.Identity.HELO);
    }

    private SpfOutcome run(InetAddress client, String helo, String local, String domain, String reported,
            SpfOutcome.Identity identity) {
        String bare = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        String lower = bare.toLowerCase(Locale.ROOT);
        if (!DomainNames.isValidIdentity(bare)) {
            return new SpfOutcome(SpfResult.NONE, identity, lower, reported, "no valid domain to check");
        }
        MacroExpander.Context context = new MacroExpander.Context(local + "@" + bare, local, bare, bare, client,
                helo == null ? "" : helo, receiver, null);
        HostEvaluation evaluation = new HostEvaluation(dns, client, context);
        try {
            HostEvaluation.Verdict verdict = evaluation.checkHost(bare);
            return new SpfOutcome(verdict.result(), identity, lower, reported, verdict.reason());
        } catch (SpfAbort abort) {
            return new SpfOutcome(abort.result(), identity, lower, reported, abort.getMessage());
        } catch (RuntimeException e) {
            // a defect here must not turn a hostile record into a failed SMTP session
            return new SpfOutcome(SpfResult.PERMERROR, identity, lower, reported, "evaluation error");
        }
    }
}
