package io.mailserver.smtp.handler;

import io.mailserver.smtp.client.AuthClient;
import io.mailserver.smtp.client.QuotaClient;
import io.mailserver.smtp.client.RecipientResolution;
import io.mailserver.smtp.command.MailAddress;
import io.mailserver.smtp.command.RcptParameters;
import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.forward.Forwarding;
import io.mailserver.smtp.outbound.Routes;
import io.mailserver.smtp.policy.ClientBudgets;
import io.mailserver.smtp.policy.RecipientPolicy;
import io.mailserver.smtp.policy.SubmissionPolicy;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.AcceptedRecipient;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.Listener;
import io.mailserver.smtp.session.SmtpState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * RCPT TO (RFC 5321 §4.1.1.3): asks auth-service where the address goes and storage whether its
 * accounts have room, then lets {@link RecipientPolicy} decide. When a peer cannot be asked, the
 * answer is temporary so the sending server retries. An address of a hosted domain that no account
 * has may be an SRS address this server forwarded from: it takes bounces (MAIL FROM:&lt;&gt;) for the
 * sender it stands for, one per transaction and nothing else. Whoever received a forward can still
 * send that sender one message per transaction through it until the address expires, as with any
 * SRS forwarder; what it carries goes unsealed.
 */
@ApplicationScoped
public class RcptHandler implements CommandHandler<SmtpCommand.Rcpt> {

    private static final Logger LOG = Logger.getLogger(RcptHandler.class);

    private final AuthClient auth;
    private final QuotaClient quotas;
    private final Routes routes;
    private final SubmissionPolicy submission;
    private final String hostname;
    private final int maxRecipients;
    private final Optional<String> postmaster;
    private final ClientBudgets budgets;
    private final Forwarding forwarding;

    public RcptHandler(AuthClient auth, QuotaClient quotas, Routes routes, SubmissionPolicy submission, MailConfig config,
            ClientBudgets budgets, Forwarding forwarding) {
        this.budgets = budgets;
        this.forwarding = forwarding;
        this.submission = submission;
        this.auth = auth;
        this.quotas = quotas;
        this.routes = routes;
        this.hostname = config.hostname();
        this.maxRecipients = config.smtp().limits().recipients();
        this.postmaster = config.smtp().postmaster();
        if (postmaster.isEmpty()) {
            LOG.warn("mail.smtp.postmaster is not set: mail to postmaster is refused unless a hosted domain has "
                    + "a postmaster account or alias (RFC 5321 4.5.1 requires one)");
        }
    }

    @Override
    public Set<Class<? extends SmtpCommand>> commands() {
        return Set.of(SmtpCommand.Rcpt.class);
    }

    @Override
    public boolean accepts(SmtpState state, ConnectionInfo connection) {
        return state instanceof SmtpState.MailTransaction;
    }

    @Override
    public SmtpReply outOfSequence(SmtpState state, ConnectionInfo connection) {
        return state instanceof SmtpState.Greeted
                ? SmtpReply.of(503, "5.5.1", "Need MAIL before RCPT")
                : CommandHandler.needGreeting();
    }

    @Override
    public Uni<Outcome> handle(SmtpCommand.Rcpt command, SmtpState state, ConnectionInfo connection) {
        SmtpState.MailTransaction transaction = (SmtpState.MailTransaction) state;
        if (transaction.recipients().size() >= maxRecipients) {
            // RFC 5321 §4.5.3.1.10: 452 for too many recipients; the client sends the rest later.
            return Uni.createFrom().item(Outcome.of(state, SmtpReply.of(452, "4.5.3", "Too many recipients")));
        }
        if (transaction.recipients().size() >= transaction.recipientAllowance()) {
            return Uni.createFrom().item(Outcome.of(state, submission.recipientLimit()));
        }
        boolean mx = connection.listener() == Listener.MX;
        // RFC 5321 §4.5.1: postmaster stays reachable, whatever the address has spent
        if (mx && !command.recipient().isPostmaster() && budgets.recipients().exhausted(connection.remoteIp())) {
            return Uni.createFrom().item(Outcome.of(state,
                    SmtpReply.of(450, "4.7.1", "Too many recipients from your address lately, try again later")));
        }
        if (!command.recipient().isAscii() && !transaction.parameters().smtputf8()) {
            // RFC 6531 §3.7.4.1
            return Uni.createFrom().item(Outcome.of(state,
                    SmtpReply.of(553, "5.6.7", "Non-ASCII recipient address requires SMTPUTF8 on MAIL")));
        }
        // RFC 5321 §4.5.1: a bare <Postmaster> means this server's postmaster.
        MailAddress recipient = command.recipient().isBarePostmaster()
                ? command.recipient().withDomain(hostname)
                : command.recipient();
        String shown = "<" + recipient + ">";
        if (holdsBounce(transaction)) {
            return Uni.createFrom().item(Outcome.of(state,
                    SmtpReply.of(452, "4.5.3", "A bounce to a forwarding address goes alone: one recipient per transaction")));
        }
        return resolve(recipient, command.recipient().isBarePostmaster())
                .map(this::routableForwards)
                .flatMap(resolution -> resolution instanceof RecipientResolution.UnknownLocal
                        ? srsBounce(transaction, recipient, command.parameters())
                                .map(bounce -> bounce.orElseGet(() -> decide(resolution, false, transaction, recipient,
                                        command.parameters(), connection, shown)))
                        : (resolution instanceof RecipientResolution.Local local
                                ? anyRoom(local) : Uni.createFrom().item(false))
                        .map(room -> decide(resolution, room, transaction, recipient, command.parameters(), connection,
                                shown)))
                .invoke(outcome -> {
                    if (mx && outcome.reply().code() == 250) {
                        budgets.recipients().spend(connection.remoteIp());
                    }
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("could not resolve a recipient (%s): %s", failure.getClass().getSimpleName(), failure.getMessage());
                    return Outcome.of(state, SmtpReply.of(451, "4.4.3", shown + ": Temporary failure resolving recipient, try again later"));
                });
    }

    /**
     * Where the address goes. Postmaster is always taken (RFC 5321 §4.5.1): bare, or at a hosted
     * domain without a postmaster of its own, it reaches {@code mail.smtp.postmaster}.
     */
    private Uni<RecipientResolution> resolve(MailAddress recipient, boolean barePostmaster) {
        Uni<RecipientResolution> resolution = auth.resolveRecipient(recipient.toString());
        if (!recipient.isPostmaster() || postmaster.isEmpty()) {
            return resolution;
        }
        return resolution.flatMap(found -> found instanceof RecipientResolution.Local
                || !(barePostmaster || found instanceof RecipientResolution.UnknownLocal)
                        ? Uni.createFrom().item(found)
                        : auth.resolveRecipient(postmaster.get()));
    }

    private Outcome decide(RecipientResolution resolution, boolean room, SmtpState.MailTransaction transaction,
            MailAddress recipient, RcptParameters parameters, ConnectionInfo connection, String shown) {
        return outcome(RecipientPolicy.decide(resolution, room, shown, connection.listener(),
                transaction.login().isPresent(), routes.reachable(recipient.domain())), transaction, recipient, parameters);
    }

    /**
     * For an SRS address this server made: a bounce is taken for the sender it stands for, anything
     * else refused. Empty for any other address (then unknown).
     */
    private Uni<Optional<Outcome>> srsBounce(SmtpState.MailTransaction transaction, MailAddress recipient,
            RcptParameters parameters) {
        Optional<String> target = forwarding.bounceTarget(recipient.toString());
        if (target.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (transaction.sender().isPresent()) {
            return Uni.createFrom().item(Optional.of(Outcome.of(transaction, SmtpReply.of(550, "5.7.1",
                    "<" + recipient + ">: this address takes delivery status notifications only"))));
        }
        if (!transaction.recipients().isEmpty()) {
            return Uni.createFrom().item(Optional.of(Outcome.of(transaction, SmtpReply.of(452, "4.5.3",
                    "<" + recipient + ">: a bounce to a forwarding address goes alone: one recipient per transaction"))));
        }
        return Uni.createFrom().item(Optional.of(Outcome.of(transaction.addRecipient(
                AcceptedRecipient.forwarded(recipient, List.of(), List.of(target.get()), parameters)),
                SmtpReply.of(250, "2.1.5", "Ok"))));
    }

    /** Whether the transaction is a bounce to one of our SRS addresses, which takes no other recipient. */
    private boolean holdsBounce(SmtpState.MailTransaction transaction) {
        return transaction.sender().isEmpty() && transaction.recipients().size() == 1
                && transaction.recipients().get(0).forwarded() && transaction.recipients().get(0).accountIds().isEmpty()
                && forwarding.bounceTarget(transaction.recipients().get(0).address().toString()).isPresent();
    }

    /**
     * An alias's forwards that outbound delivery can reach (a route, a relay, or MX lookup); one with
     * none left and no accounts is an address nothing can be delivered to here, refused like an unknown
     * one rather than queued until it expires.
     */
    private RecipientResolution routableForwards(RecipientResolution resolution) {
        if (!(resolution instanceof RecipientResolution.Local local) || local.forwardTo().isEmpty()) {
            return resolution;
        }
        List<String> reachable = local.forwardTo().stream()
                .filter(address -> routes.reachable(address.substring(address.lastIndexOf('@') + 1))).toList();
        if (reachable.size() < local.forwardTo().size()) {
            LOG.warnf("an alias forwards to %d addresses outbound delivery cannot reach; left out",
                    local.forwardTo().size() - reachable.size());
        }
        return local.accountIds().isEmpty() && reachable.isEmpty() ? RecipientResolution.UnknownLocal.INSTANCE
                : new RecipientResolution.Local(local.accountIds(), reachable);
    }

    /** Whether one of the address's accounts has room (an alias to several refuses only when all are full). */
    private Uni<Boolean> anyRoom(RecipientResolution.Local local) {
        return io.smallrye.mutiny.Multi.createFrom().iterable(local.accountIds())
                .onItem().transformToUniAndConcatenate(quotas::full)
                .collect().asList()
                .map(full -> full.isEmpty() || full.contains(false));
    }

    private static Outcome outcome(RecipientPolicy.Verdict verdict, SmtpState.MailTransaction transaction,
            MailAddress recipient, RcptParameters parameters) {
        if (verdict instanceof RecipientPolicy.Verdict.Accept accept) {
            return Outcome.of(transaction.addRecipient(
                    AcceptedRecipient.forwarded(recipient, accept.accountIds(), accept.forwardTo(), parameters)),
                    SmtpReply.of(250, "2.1.5", "Ok"));
        }
        if (verdict == RecipientPolicy.Verdict.Relay.INSTANCE) {
            return Outcome.of(transaction.addRecipient(AcceptedRecipient.remote(recipient, parameters)), SmtpReply.of(250, "2.1.5", "Ok"));
        }
        return Outcome.of(transaction, ((RecipientPolicy.Verdict.Refuse) verdict).reply());
    }
}
