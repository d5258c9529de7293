package io.mailserver.smtp.policy;

import io.mailserver.protocol.tls.CleartextAuth;
import io.mailserver.smtp.client.RecipientResolution;
import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.Login;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The rules of message submission (RFC 6409) that are not protocol syntax: when AUTH may run, and
 * which envelope senders an authenticated account may use.
 */
@ApplicationScoped
public class SubmissionPolicy {

    private final CleartextAuth cleartextAuth;

    public SubmissionPolicy(MailConfig config) {
        this.cleartextAuth = config.smtp().submission().cleartextAuth();
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
     * account alone. An alias that also reaches other accounts (a group) is not anyone's to send as,
     * nor is an address of another domain.
     */
    public static boolean owns(Login login, RecipientResolution resolution) {
        return resolution instanceof RecipientResolution.Local local
                && local.accountIds().stream().allMatch(id -> id == login.accountId());
    }
}
