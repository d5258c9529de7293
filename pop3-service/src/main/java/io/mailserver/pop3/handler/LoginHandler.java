package io.mailserver.pop3.handler;

import io.mailserver.pop3.client.Authentication;
import io.mailserver.pop3.client.AuthClient;
import io.mailserver.pop3.client.Login;
import io.mailserver.pop3.client.StorageClient;
import io.mailserver.pop3.command.AuthCommand;
import io.mailserver.pop3.command.PassCommand;
import io.mailserver.pop3.command.Pop3Command;
import io.mailserver.pop3.command.UserCommand;
import io.mailserver.pop3.command.Verb;
import io.mailserver.pop3.config.MailConfig;
import io.mailserver.protocol.sasl.PlainCredentials;
import io.mailserver.protocol.sasl.SaslResponse;
import io.mailserver.pop3.metrics.Pop3Metrics;
import io.mailserver.pop3.reply.Pop3Reply;
import io.mailserver.pop3.reply.ResponseCode;
import io.mailserver.pop3.session.Pop3Session;
import io.mailserver.pop3.session.Pop3State;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Login: RFC 1939 §7 USER and PASS, RFC 5034 AUTH with the PLAIN mechanism (RFC 4616), both checked
 * by auth-service. A successful login takes the maildrop snapshot and enters the TRANSACTION state.
 */
@ApplicationScoped
public class LoginHandler implements Pop3Handler {

    private static final Logger LOG = Logger.getLogger(LoginHandler.class);
    static final String PLAIN = "PLAIN";

    private final AuthClient auth;
    private final StorageClient storage;
    private final MailConfig config;
    private final Pop3Metrics metrics;

    public LoginHandler(AuthClient auth, StorageClient storage, MailConfig config, Pop3Metrics metrics) {
        this.auth = auth;
        this.storage = storage;
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public Set<Verb> verbs() {
        return EnumSet.of(Verb.USER, Verb.PASS, Verb.AUTH);
    }

    @Override
    public Set<Pop3State.Phase> phases() {
        return EnumSet.of(Pop3State.Phase.AUTHORIZATION);
    }

    /** Whether passwords may be sent on this connection (RFC 2595 §2.2 lets a server require TLS first). */
    static boolean plaintextAllowed(MailConfig config, Pop3Session session) {
        return config.pop3().cleartextAuth().allows(session.tls(), session.remoteAddress());
    }

    @Override
    public Uni<Outcome> handle(Pop3Command command, Pop3Session session) {
        Pop3State.Authorization state = (Pop3State.Authorization) session.state();
        if (!plaintextAllowed(config, session)) {
            return item(Outcome.reply(Pop3Reply.err(ResponseCode.AUTH,
                    "Plaintext authentication is not allowed without TLS; use STLS first")));
        }
        if (command instanceof UserCommand user) {
            return item(Outcome.reply(Pop3Reply.ok("Send PASS"), state.withUser(user.name())));
        }
        if (command instanceof PassCommand pass) {
            if (state.user().isEmpty()) {
                return item(Outcome.reply(Pop3Reply.err("Send USER first")));
            }
            return login(new Login(state.user().get(), pass.secret(), "USER", session.remoteAddress(), session.tls()),
                    state);
        }
        AuthCommand authCommand = (AuthCommand) command;
        if (!PLAIN.equals(authCommand.mechanism())) {
            return item(Outcome.reply(Pop3Reply.err("Unsupported authentication mechanism")));
        }
        if (authCommand.initialResponse().isPresent()) {
            return plain(authCommand.initialResponse().get(), state, session);
        }
        return item(new Outcome.Challenge(new Pop3Reply.Continuation(""), (response, s) -> {
            if ("*".equals(response)) {
                // RFC 5034 §4: the client cancelled the exchange.
                return item(Outcome.reply(Pop3Reply.err("Authentication cancelled")));
            }
            return plain(response, state, s);
        }));
    }

    /** Decodes a PLAIN response (RFC 4616 §2: [authzid] NUL authcid NUL passwd) and logs in. */
    private Uni<Outcome> plain(String response, Pop3State.Authorization state, Pop3Session session) {
        Optional<PlainCredentials> credentials = SaslResponse.parse(response).octets()
                .flatMap(octets -> PlainCredentials.decode(octets.value()));
        if (credentials.isEmpty()) {
            return item(Outcome.reply(Pop3Reply.err("Malformed PLAIN response")));
        }
        PlainCredentials plain = credentials.get();
        if (!plain.actsAsItself()) {
            return item(Outcome.reply(Pop3Reply.err(ResponseCode.AUTH, "Acting as another user is not permitted")));
        }
        return login(new Login(plain.user(), plain.password(), PLAIN, session.remoteAddress(), session.tls()), state);
    }

    private Uni<Outcome> login(Login login, Pop3State.Authorization state) {
        return auth.authenticate(login).onItem().transformToUni(result -> {
            if (result instanceof Authentication.Accepted accepted) {
                return openMaildrop(accepted, state);
            }
            if (result instanceof Authentication.Refused refused) {
                metrics.login("refused");
                LOG.infof("POP3 login refused for %s from %s: %s", login.username(), login.remoteAddress(), refused.reason());
                Pop3State.Authorization failed = state.failed();
                String text = refused.publicMessage().isBlank() ? "Authentication failed" : refused.publicMessage();
                Outcome.After after = failed.failures() >= config.pop3().limits().authFailures()
                        ? Outcome.After.CLOSE : Outcome.After.CONTINUE;
                Outcome outcome = new Outcome.Reply(Pop3Reply.err(ResponseCode.AUTH, text), failed, after);
                Duration delay = config.pop3().timeouts().authFailureDelay();
                return delay.isZero() ? item(outcome) : item(outcome).onItem().delayIt().by(delay);
            }
            metrics.login("unavailable");
            return item(Outcome.reply(Pop3Reply.err(ResponseCode.SYS_TEMP,
                    "Authentication is temporarily unavailable, try again later"), state.withoutUser()));
        });
    }

    private Uni<Outcome> openMaildrop(Authentication.Accepted account, Pop3State.Authorization state) {
        return storage.openMaildrop(account.accountId())
                .map(maildrop -> {
                    metrics.login("accepted");
                    Pop3State.Transaction transaction = Pop3State.Transaction.of(maildrop);
                    return Outcome.reply(Pop3Reply.ok("Logged in, maildrop has " + transaction.visibleCount()
                            + " messages (" + transaction.visibleSize() + " octets)"), transaction);
                })
                .onFailure().recoverWithItem(failure -> {
                    metrics.login("unavailable");
                    LOG.warnf("Opening the maildrop of account %d failed: %s", account.accountId(), String.valueOf(failure.getCause()));
                    return Outcome.reply(Pop3Reply.err(ResponseCode.SYS_TEMP,
                            "Maildrop is temporarily unavailable, try again later"), state.withoutUser());
                });
    }

    private static Uni<Outcome> item(Outcome outcome) {
        return Uni.createFrom().item(outcome);
    }
}
