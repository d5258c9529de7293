package io.mailserver.smtp.handler;

import io.mailserver.smtp.client.AuthClient;
import io.mailserver.smtp.client.QuotaClient;
import io.mailserver.smtp.client.RecipientResolution;
import io.mailserver.smtp.command.MailAddress;
import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.AcceptedRecipient;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.SmtpState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * RCPT TO (RFC 5321 §4.1.1.3): asks auth-service where the address goes. Local accounts are
 * accepted; an unknown user of a hosted domain is refused for good; any other domain is relaying,
 * which needs authentication (not available yet, so always refused). When auth-service cannot be
 * asked, the answer is temporary so the sending server retries. A local address whose every account
 * is at its quota gets 552 5.2.2 (RFC 3463 "mailbox full"), permanent as RFC 5321 §4.5.3.1.10 and
 * common practice have it.
 */
@ApplicationScoped
public class RcptHandler implements CommandHandler<SmtpCommand.Rcpt> {

    private static final Logger LOG = Logger.getLogger(RcptHandler.class);

    private final AuthClient auth;
    private final QuotaClient quotas;
    private final String hostname;
    private final int maxRecipients;

    public RcptHandler(AuthClient auth, QuotaClient quotas, MailConfig config) {
        this.auth = auth;
        this.quotas = quotas;
        this.hostname = config.hostname();
        this.maxRecipients = config.smtp().limits().recipients();
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
        // RFC 5321 §4.5.1: a bare <Postmaster> means this server's postmaster.
        MailAddress recipient = command.recipient().isBarePostmaster()
                ? command.recipient().withDomain(hostname)
                : command.recipient();
        String shown = "<" + recipient + ">";
        return auth.resolveRecipient(recipient.toString())
                .flatMap(resolution -> resolution instanceof RecipientResolution.Local local
                        ? anyRoom(local).map(room -> room
                                ? decide(resolution, transaction, recipient, shown, connection)
                                : Outcome.of(transaction, SmtpReply.of(552, "5.2.2", shown + ": Mailbox full")))
                        : Uni.createFrom().item(decide(resolution, transaction, recipient, shown, connection)))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("could not resolve a recipient (%s): %s", failure.getClass().getSimpleName(), failure.getMessage());
                    return Outcome.of(state, SmtpReply.of(451, "4.4.3", shown + ": Temporary failure resolving recipient, try again later"));
                });
    }

    /** Whether one of the address's accounts has room (an alias to several refuses only when all are full). */
    private Uni<Boolean> anyRoom(RecipientResolution.Local local) {
        return io.smallrye.mutiny.Multi.createFrom().iterable(local.accountIds())
                .onItem().transformToUniAndConcatenate(quotas::full)
                .collect().asList()
                .map(full -> full.isEmpty() || full.contains(false));
    }

    private static Outcome decide(RecipientResolution resolution, SmtpState.MailTransaction transaction,
            MailAddress recipient, String shown, ConnectionInfo connection) {
        if (resolution instanceof RecipientResolution.Local local) {
            return Outcome.of(transaction.addRecipient(new AcceptedRecipient(recipient, local.accountIds())),
                    SmtpReply.of(250, "2.1.5", "Ok"));
        }
        if (resolution instanceof RecipientResolution.UnknownLocal) {
            return Outcome.of(transaction, SmtpReply.of(550, "5.1.1", shown + ": Recipient address rejected: user unknown"));
        }
        // Relaying. On the submission ports it will be allowed after AUTH (RFC 6409 §4.3); on MX never.
        SmtpReply refusal = connection.listener().isSubmission()
                ? SmtpReply.of(530, "5.7.0", "Authentication required")
                : SmtpReply.of(554, "5.7.1", shown + ": relaying denied");
        return Outcome.of(transaction, refusal);
    }
}
