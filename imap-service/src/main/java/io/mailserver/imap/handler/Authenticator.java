package io.mailserver.imap.handler;

import io.mailserver.imap.client.AuthClient;
import io.mailserver.imap.client.Authentication;
import io.mailserver.imap.client.PeerUnavailableException;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.LoginAdmission;
import io.mailserver.imap.session.ServerCapabilities;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The end of LOGIN and AUTHENTICATE: asks auth-service and turns its answer into the session's
 * new state and the tagged response (RFC 9051 §6.2.2, §6.2.3; codes from RFC 5530).
 */
@Singleton
public class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class);

    private final AuthClient auth;
    private final ServerCapabilities capabilities;
    private final LoginAdmission admission;

    public Authenticator(AuthClient auth, ServerCapabilities capabilities, LoginAdmission admission) {
        this.auth = auth;
        this.capabilities = capabilities;
        this.admission = admission;
    }

    /** Checks the credentials once the login is admitted ({@link LoginAdmission}). */
    public Uni<Completion> authenticate(ImapSession session, String user, String secret, String mechanism) {
        return admission.admitted(session.executor(), () -> check(session, user, secret, mechanism));
    }

    private Uni<Completion> check(ImapSession session, String user, String secret, String mechanism) {
        return session.onContext(auth.authenticate(user, secret, mechanism, session.channel().remoteAddress(),
                        session.channel().tls()))
                .map(decision -> {
                    if (decision instanceof Authentication.Accepted accepted) {
                        if (!session.channel().admitAccount(accepted.account().accountId())) {
                            return Completion.no(ResponseCode.LIMIT, "Too many connections for this account");
                        }
                        session.state(new SessionState.Authenticated(accepted.account()));
                        LOG.debugf("%s logged in from %s", accepted.account().address(),
                                session.channel().remoteAddress());
                        return Completion.ok(ResponseCode.capability(capabilities.of(session)), "Logged in");
                    }
                    return failed((Authentication.Refused) decision);
                })
                .onFailure(PeerUnavailableException.class)
                .recoverWithItem(failure -> {
                    LOG.warnf("login from %s not checked: %s", session.channel().remoteAddress(), failure.getMessage());
                    return Completion.no(ResponseCode.UNAVAILABLE, "Authentication service unavailable, try again later");
                });
    }

    private static Completion failed(Authentication.Refused failure) {
        return switch (failure.reason()) {
            case TEMPORARY_FAILURE -> Completion.no(ResponseCode.UNAVAILABLE,
                    message(failure, "Temporary authentication failure, try again later"));
            case LOCKED_OUT -> Completion.no(ResponseCode.AUTHENTICATIONFAILED,
                    message(failure, "Too many failed attempts, try again later"));
            case ACCOUNT_DISABLED -> Completion.no(ResponseCode.AUTHENTICATIONFAILED, "Authentication failed");
            case INVALID_CREDENTIALS -> Completion.no(ResponseCode.AUTHENTICATIONFAILED, "Authentication failed");
        };
    }

    private static String message(Authentication.Refused failure, String fallback) {
        return failure.publicMessage().isBlank() ? fallback : failure.publicMessage();
    }
}
