package io.mailserver.smtp.handler;

import io.mailserver.smtp.client.AuthClient;
import io.mailserver.smtp.client.DeliveryClient;
import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.policy.SubmissionPolicy;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.Login;
import io.mailserver.smtp.session.SmtpState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * MAIL FROM (RFC 5321 §4.1.1.2) with SIZE (RFC 1870), BODY (RFC 6152), SMTPUTF8 (RFC 6531, without
 * which a non-ASCII sender is 553 5.6.7), REQUIRETLS (RFC 8689; 530 5.7.10 outside TLS) and the DSN
 * parameters (RFC 3461). On the submission
 * listeners a transaction needs AUTH first (530 5.7.0, RFC 6409 §4.3) and the reverse-path must be
 * one the account owns ({@link SubmissionPolicy#owns}, else 553 5.7.1); the null reverse-path stays
 * allowed, since RFC 8098 §2.1 sends read receipts with it. The account's hourly sending limits are
 * checked here too (450 4.7.1), and what they leave for recipients goes with the transaction.
 */
@ApplicationScoped
public class MailHandler implements CommandHandler<SmtpCommand.Mail> {

    private static final Logger LOG = Logger.getLogger(MailHandler.class);

    private final AuthClient auth;
    private final DeliveryClient delivery;
    private final SubmissionPolicy submission;
    private final long maxMessageSize;

    /** See {@link GreetingHandler}: without MTA-STS and DANE no REQUIRETLS message could be delivered. */
    private final boolean requireTlsOffered;

    public MailHandler(AuthClient auth, DeliveryClient delivery, SubmissionPolicy submission, MailConfig config) {
        this.auth = auth;
        this.delivery = delivery;
        this.submission = submission;
        this.maxMessageSize = config.smtp().limits().messageSize();
        this.requireTlsOffered = config.smtp().delivery().mtaSts().enabled() || config.smtp().delivery().dane().enabled();
    }

    @Override
    public Set<Class<? extends SmtpCommand>> commands() {
        return Set.of(SmtpCommand.Mail.class);
    }

    @Override
    public boolean accepts(SmtpState state, ConnectionInfo connection) {
        return state instanceof SmtpState.Greeted;
    }

    @Override
    public SmtpReply outOfSequence(SmtpState state, ConnectionInfo connection) {
        return state instanceof SmtpState.MailTransaction
                ? SmtpReply.of(503, "5.5.1", "Nested MAIL command")
                : CommandHandler.needGreeting();
    }

    @Override
    public Uni<Outcome> handle(SmtpCommand.Mail command, SmtpState state, ConnectionInfo connection) {
        if (command.parameters().size().isPresent() && command.parameters().size().getAsLong() > maxMessageSize) {
            // RFC 1870 §6.1: refuse at MAIL time when the declared size is over the fixed limit.
            return Uni.createFrom().item(Outcome.of(state,
                    SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size")));
        }
        if (command.sender().isPresent() && !command.sender().get().isAscii() && !command.parameters().smtputf8()) {
            // RFC 6531 §3.7.4.1
            return Uni.createFrom().item(Outcome.of(state,
                    SmtpReply.of(553, "5.6.7", "Non-ASCII sender address requires the SMTPUTF8 parameter")));
        }
        if (command.parameters().requireTls() && !requireTlsOffered) {
            return Uni.createFrom().item(Outcome.of(state, SmtpReply.of(555, "5.5.4", "REQUIRETLS not supported")));
        }
        if (command.parameters().requireTls() && !connection.tlsActive()) {
            // RFC 8689: REQUIRETLS is offered only under TLS, and a message asking for it must not come in the clear
            return Uni.createFrom().item(Outcome.of(state, SmtpReply.of(530, "5.7.10", "REQUIRETLS needs a TLS session")));
        }
        SmtpState.Greeted greeted = (SmtpState.Greeted) state;
        boolean submission = connection.listener().isSubmission();
        if (submission && greeted.login().isEmpty()) {
            return Uni.createFrom().item(Outcome.of(state, SmtpReply.of(530, "5.7.0", "Authentication required")));
        }
        if (!submission) {
            return Uni.createFrom().item(start(greeted, command));
        }
        Login login = greeted.login().get();
        Uni<Boolean> owned = command.sender().isEmpty() ? Uni.createFrom().item(true)
                : auth.resolveRecipient(command.sender().get().toString()).map(found -> SubmissionPolicy.owns(login, found));
        return owned
                .flatMap(ok -> ok ? withinLimits(greeted, command, login)
                        : Uni.createFrom().item(Outcome.of(state, SmtpReply.of(553, "5.7.1", "<" + command.sender().get()
                                + ">: Sender address rejected: not owned by user " + login.address()))))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("could not resolve a sender (%s): %s", failure.getClass().getSimpleName(), failure.getMessage());
                    return Outcome.of(state, SmtpReply.of(451, "4.4.3", "Temporary failure checking the sender, try again later"));
                });
    }

    /**
     * The account's sending limits, counted by storage across instances. When storage cannot say, the
     * mail is taken: a counter must not stop mail.
     */
    private Uni<Outcome> withinLimits(SmtpState.Greeted greeted, SmtpCommand.Mail command, Login login) {
        return delivery.sentLastHour(login.accountId())
                .map(sent -> submission.messageLimit(sent).map(refusal -> Outcome.of(greeted, refusal))
                        .orElseGet(() -> {
                            Outcome started = start(greeted, command);
                            return Outcome.of(((SmtpState.MailTransaction) started.next())
                                    .limitRecipients(submission.recipientAllowance(sent)), started.reply());
                        }))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("sending limits of account %d not known (%s): mail taken", login.accountId(),
                            failure.getClass().getSimpleName());
                    return start(greeted, command);
                });
    }

    private static Outcome start(SmtpState.Greeted greeted, SmtpCommand.Mail command) {
        SmtpState next = greeted.startTransaction(TransactionIds.next(), command.sender(), command.parameters());
        return Outcome.of(next, SmtpReply.of(250, "2.1.0", "Ok"));
    }
}
