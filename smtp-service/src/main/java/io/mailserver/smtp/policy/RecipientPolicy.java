package io.mailserver.smtp.policy;

import io.mailserver.smtp.client.RecipientResolution;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.Listener;
import java.util.List;

/**
 * Whether one RCPT TO is taken (RFC 5321 §4.1.1.3): a local account with room is, and an alias with
 * its forwards; an unknown user of a hosted domain is refused for good (550 5.1.1); an address whose
 * every account is at its quota, with nothing to forward to, gets 552 5.2.2 (RFC 3463 "mailbox full", permanent as RFC 5321 §4.5.3.1.10 and common practice
 * have it); any other domain is relaying, which an MX never does (554 5.7.1) and submission does
 * only after AUTH (530 5.7.0, RFC 6409 §4.3), and only to a domain outbound delivery has a route
 * for: until MX lookup exists any other is refused for good (550 5.7.1) rather than queued and never
 * sent.
 */
public final class RecipientPolicy {

    private RecipientPolicy() {
    }

    /** The policy's answer: take the recipient for these accounts, or refuse it with this reply. */
    public sealed interface Verdict {

        /** Delivered to these accounts and forwarded to these addresses at other domains. */
        record Accept(List<Long> accountIds, List<String> forwardTo) implements Verdict {
            public Accept {
                accountIds = List.copyOf(accountIds);
                forwardTo = List.copyOf(forwardTo);
            }

            public Accept(List<Long> accountIds) {
                this(accountIds, List.of());
            }
        }

        record Refuse(SmtpReply reply) implements Verdict {
        }

        /** Another domain's address, relayed for an authenticated client through the outbound queue. */
        enum Relay implements Verdict {
            INSTANCE
        }
    }

    /**
     * @param shown   the address as the replies show it, in angle brackets
     * @param anyRoom for a local address: whether one of its accounts is below its quota (when it has any)
     * @param authenticated whether the client authenticated (AUTH on a submission listener)
     * @param routable      for another domain's address: whether outbound delivery has a route to it
     */
    public static Verdict decide(RecipientResolution resolution, boolean anyRoom, String shown, Listener listener,
            boolean authenticated, boolean routable) {
        if (resolution instanceof RecipientResolution.Local local) {
            // forwards have no quota here: an alias that forwards too is taken even with its accounts full
            return anyRoom || !local.forwardTo().isEmpty()
                    ? new Verdict.Accept(local.accountIds(), local.forwardTo())
                    : new Verdict.Refuse(SmtpReply.of(552, "5.2.2", shown + ": Mailbox full"));
        }
        if (resolution instanceof RecipientResolution.UnknownLocal) {
            return new Verdict.Refuse(SmtpReply.of(550, "5.1.1", shown + ": Recipient address rejected: user unknown"));
        }
        if (!listener.isSubmission()) {
            return new Verdict.Refuse(SmtpReply.of(554, "5.7.1", shown + ": relaying denied"));
        }
        if (!authenticated) {
            return new Verdict.Refuse(SmtpReply.of(530, "5.7.0", "Authentication required"));
        }
        return routable ? Verdict.Relay.INSTANCE
                : new Verdict.Refuse(SmtpReply.of(550, "5.7.1", shown + ": no route to this domain (MX lookup is not available yet)"));
    }
}
