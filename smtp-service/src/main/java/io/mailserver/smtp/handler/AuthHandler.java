package io.mailserver.smtp.handler;

import io.mailserver.protocol.sasl.PlainCredentials;
import io.mailserver.protocol.sasl.SaslResponse;
import io.mailserver.smtp.client.AuthClient;
import io.mailserver.smtp.client.Authentication;
import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.metrics.SmtpMetrics;
import io.mailserver.smtp.policy.SubmissionPolicy;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.AuthExchange;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.Login;
import io.mailserver.smtp.session.SmtpState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * AUTH (RFC 4954) on the submission listeners with PLAIN (RFC 4616) and LOGIN, the credentials
 * checked by auth-service (which gives an unknown user the same cost as a wrong password). The
 * command and each response line may carry a secret: none of them is logged or kept past the check.
 *
 * <p>Replies: {@code 334} challenges, {@code 235 2.7.0} on success, {@code 535 5.7.8} for any
 * refused credentials, {@code 454 4.7.0} when auth-service cannot decide or the account is locked
 * out, {@code 501} for a cancelled or malformed response, {@code 538 5.7.11} before TLS.
 */
@ApplicationScoped
public class AuthHandler implements CommandHandler<SmtpCommand.Auth> {

    private static final Logger LOG = Logger.getLogger(AuthHandler.class);

    private static final SmtpReply USERNAME = SmtpReply.plain(334, SaslResponse.challenge("Username:"));
    private static final SmtpReply PASSWORD = SmtpReply.plain(334, SaslResponse.challenge("Password:"));

    private final AuthClient auth;
    private final SubmissionPolicy submission;
    private final SmtpMetrics metrics;

    public AuthHandler(AuthClient auth, SubmissionPolicy submission, SmtpMetrics metrics) {
        this.auth = auth;
        this.submission = submission;
        this.metrics = metrics;
    }

    @Override
    public Set<Class<? extends SmtpCommand>> commands() {
        return Set.of(SmtpCommand.Auth.class);
    }

    @Override
    public boolean accepts(SmtpState state, ConnectionInfo connection) {
        return state instanceof SmtpState.Greeted greeted && greeted.hello().extended();
    }

    @Override
    public SmtpReply outOfSequence(SmtpState state, ConnectionInfo connection) {
        // RFC 4954 §4: not during a mail transaction; an ESMTP extension, so only after EHLO.
        if (state instanceof SmtpState.MailTransaction) {
            return SmtpReply.of(503, "5.5.1", "AUTH not permitted during a mail transaction");
        }
        return state instanceof SmtpState.Greeted
                ? SmtpReply.of(503, "5.5.1", "Send EHLO first")
                : CommandHandler.needGreeting();
    }

    @Override
    public Uni<Outcome> handle(SmtpCommand.Auth command, SmtpState state, ConnectionInfo connection) {
        SmtpState.Greeted greeted = (SmtpState.Greeted) state;
        if (!connection.listener().isSubmission()) {
            return reply(state, SmtpReply.of(502, "5.5.1", "AUTH not available on this port; use submission (587 or 465)"));
        }
        if (greeted.login().isPresent()) {
            return reply(state, SmtpReply.of(503, "5.5.1", "Already authenticated"));
        }
        if (!submission.authAllowed(connection)) {
            return reply(state, SmtpReply.of(538, "5.7.11", "Encryption required for requested authentication mechanism"));
        }
        Optional<String> initial = command.initialResponse();
        return switch (command.mechanism()) {
            case "PLAIN" -> initial.isPresent()
                    ? respond(initial.get(), greeted.authenticate(AuthExchange.Plain.INSTANCE), connection)
                    // RFC 4954 §4: an empty challenge asks for the initial response.
                    : reply(greeted.authenticate(AuthExchange.Plain.INSTANCE), SmtpReply.plain(334, ""));
            case "LOGIN" -> initial.isPresent()
                    ? respond(initial.get(), greeted.authenticate(AuthExchange.LoginUser.INSTANCE), connection)
                    : reply(greeted.authenticate(AuthExchange.LoginUser.INSTANCE), USERNAME);
            default -> reply(state, SmtpReply.of(504, "5.5.4", "Unrecognized authentication type"));
        };
    }

    /** One response line of the exchange (or the initial response of the AUTH command). */
    public Uni<Outcome> respond(String line, SmtpState.Authenticating state, ConnectionInfo connection) {
        SaslResponse response = SaslResponse.parse(line);
        if (response == SaslResponse.Cancelled.INSTANCE) {
            return reply(state.before(), SmtpReply.of(501, "5.0.0", "Authentication cancelled"));
        }
        if (!(response instanceof SaslResponse.Octets octets)) {
            return reply(state.before(), SmtpReply.of(501, "5.5.2", "Cannot decode the response (base64 expected)"));
        }
        AuthExchange exchange = state.exchange();
        if (exchange instanceof AuthExchange.LoginUser) {
            return octets.value().length == 0
                    ? reply(state.before(), SmtpReply.of(501, "5.5.2", "Empty user name"))
                    : reply(state.next(new AuthExchange.LoginPassword(octets.text())), PASSWORD);
        }
        if (exchange instanceof AuthExchange.LoginPassword password) {
            return check(password.user(), octets.text(), state, connection);
        }
        Optional<PlainCredentials> credentials = PlainCredentials.decode(octets.value());
        if (credentials.isEmpty()) {
            return reply(state.before(), SmtpReply.of(501, "5.5.2", "Malformed PLAIN response"));
        }
        if (!credentials.get().actsAsItself()) {
            return reply(state.before(), SmtpReply.of(535, "5.7.8", "Acting as another user is not permitted"));
        }
        return check(credentials.get().user(), credentials.get().password(), state, connection);
    }

    /** 500 5.5.6 for a response over the line limit (RFC 4954 §6); the exchange is over. */
    public Outcome responseTooLong(SmtpState.Authenticating state) {
        return Outcome.of(state.before(), SmtpReply.of(500, "5.5.6", "Authentication Exchange line is too long"));
    }

    private Uni<Outcome> check(String user, String secret, SmtpState.Authenticating state, ConnectionInfo connection) {
        String mechanism = state.exchange().mechanism();
        return auth.authenticate(user, secret, mechanism, connection.remoteIp(), connection.tlsActive())
                .map(result -> outcome(result, state, connection, mechanism));
    }

    private Outcome outcome(Authentication result, SmtpState.Authenticating state, ConnectionInfo connection,
            String mechanism) {
        if (result instanceof Authentication.Accepted accepted) {
            metrics.login("accepted");
            LOG.infof("submission login as account %d from %s (%s)", accepted.accountId(), connection.remoteIp(), mechanism);
            return Outcome.of(state.before().loggedIn(new Login(accepted.accountId(), accepted.address())),
                    SmtpReply.of(235, "2.7.0", "Authentication successful"));
        }
        if (result instanceof Authentication.Refused refused && refused.reason() != Authentication.Reason.LOCKED_OUT) {
            metrics.login("refused");
            LOG.infof("submission login refused from %s (%s): %s", connection.remoteIp(), mechanism, refused.reason());
            // A disabled account answers as a wrong password does: nothing to learn from the reply.
            return Outcome.of(state.before(), SmtpReply.of(535, "5.7.8", "Authentication credentials invalid"));
        }
        if (result instanceof Authentication.Unavailable unavailable) {
            metrics.login("unavailable");
            LOG.warnf("submission login could not be checked: %s", unavailable.detail());
        } else {
            metrics.login("locked_out");
        }
        return Outcome.of(state.before(), SmtpReply.of(454, "4.7.0", "Temporary authentication failure, try again later"));
    }

    private static Uni<Outcome> reply(SmtpState next, SmtpReply reply) {
        return Uni.createFrom().item(Outcome.of(next, reply));
    }
}
