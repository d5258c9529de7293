package io.mailserver.smtp.policy;

import io.mailserver.protocol.tls.CleartextAuth;
import io.mailserver.smtp.client.RecipientResolution;
import io.mailserver.smtp.client.SentLastHour;
import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.Login;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The rules of message submission (RFC 6409) that are not protocol syntax: when AUTH may run, which
 * envelope senders an authenticated account may use, and how much it may send in an hour.
 */
@ApplicationScoped
public class SubmissionPolicy {

    private final CleartextAuth cleartextAuth;
    private final long messagesPerHour;
    private final long recipientsPerHour;

    @Inject
    public SubmissionPolicy(MailConfig config) {
        this.cleartextAuth = config.smtp().submission().cleartextAuth();
        this.messagesPerHour = config.smtp().submission().messagesPerHour();
        this.recipientsPerHour = config.smtp().submission().recipientsPerHour();
    }

    SubmissionPolicy(CleartextAuth cleartextAuth, long messagesPerHour, long recipientsPerHour) {
        this.cleartextAuth = cleartextAuth;
        this.messagesPerHour = messagesPerHour;
        this.recipientsPerHour = recipientsPerHour;
    }

    /**
     * The refusal of a new transaction when the account used up its messages for the hour (450 4.7.1,
     * temporary: the client's outbox retries once the hour has moved on).
     */
    public Optional<SmtpReply> messageLimit(SentLastHour sent) {
        if (messagesPerHour > 0 && sent.messages() >= messagesPerHour) {
            return Optional.of(SmtpReply.of(450, "4.7.1", "Sending limit reached (" + messagesPerHour
                    + " messages per hour), try again later"));
        }
        return Optional.empty();
    }

    /** How many recipients a new transaction may still have under the hourly recipient limit. */
    public long recipientAllowance(SentLastHour sent) {
        return recipientsPerHour > 0 ? Math.max(0, recipientsPerHour - sent.recipients()) : Long.MAX_VALUE;
    }

    /** The refusal of a recipient past the allowance. */
    public SmtpReply recipientLimit() {
        return SmtpReply.of(450, "4.7.1", "Sending limit reached (" + recipientsPerHour + " recipients per hour), try again later");
    }

    /**
     * AUTH is offered and taken only on the submission listeners, and there only under TLS unless
     * {@code mail.smtp.submission.cleartext-auth} allows the connection.
     */
    public boolean authAllowed(ConnectionInfo connection) {
        return connection.listener().isSubmission() && cleartextAuth.allows(connection.tlsActive(), connection.remoteIp());
    }

    /**
     * Whether {@code login} may send as a MAIL FROM address that auth-service resolved as
     * {@code resolution}: its own address, any sub-address of it, and any alias that reaches this
     * account alone (whatever it forwards too). An alias that also reaches other accounts (a group) is
     * not anyone's to send as, nor one that only forwards, nor an address of another domain.
     */
    public static boolean owns(Login login, RecipientResolution resolution) {
        return resolution instanceof RecipientResolution.Local local && !local.accountIds().isEmpty()
                && local.accountIds().stream().allMatch(id -> id == login.accountId());
    }
}
