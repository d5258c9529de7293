package io.mailserver.imap.handler;

import io.mailserver.imap.command.AuthenticateCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.ContinuationRequest;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.ServerCapabilities;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * RFC 9051 §6.2.2 AUTHENTICATE with the PLAIN mechanism (RFC 4616), the initial response either
 * in the command (SASL-IR, RFC 4959) or after an empty {@code + } challenge. A client answering
 * {@code *} cancels the exchange (BAD).
 */
@Singleton
public class AuthenticateHandler implements CommandHandler<AuthenticateCommand> {

    private final Authenticator authenticator;
    private final ServerCapabilities capabilities;

    public AuthenticateHandler(Authenticator authenticator, ServerCapabilities capabilities) {
        this.authenticator = authenticator;
        this.capabilities = capabilities;
    }

    @Override
    public Class<AuthenticateCommand> command() {
        return AuthenticateCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return NOT_AUTHENTICATED;
    }

    @Override
    public Uni<Completion> handle(AuthenticateCommand command, ImapSession session) {
        if (!command.mechanism().equals("PLAIN")) {
            return Uni.createFrom().item(Completion.no("Unsupported authentication mechanism"));
        }
        if (!capabilities.loginAllowed(session)) {
            return Uni.createFrom().item(Completion.no(ResponseCode.PRIVACYREQUIRED, "Use STARTTLS first"));
        }
        if (command.initialResponse() != null) {
            return plain(session, command.initialResponse());
        }
        session.send(new ContinuationRequest(""));
        return session.channel().readLine()
                .onItem().transformToUni(line -> plain(session, line.toString(StandardCharsets.US_ASCII).trim()))
                .onFailure(IllegalStateException.class)
                .recoverWithItem(Completion.bad("Authentication response too long"));
    }

    private Uni<Completion> plain(ImapSession session, String response) {
        if (response.equals("*")) {
            return Uni.createFrom().item(Completion.bad("Authentication cancelled"));
        }
        byte[] decoded;
        try {
            decoded = response.equals("=") ? new byte[0] : Base64.getDecoder().decode(response);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Completion.bad("Invalid base64"));
        }
        // authzid NUL authcid NUL passwd (RFC 4616 §2)
        String message = new String(decoded, StandardCharsets.UTF_8);
        int first = message.indexOf('\0');
        int second = first < 0 ? -1 : message.indexOf('\0', first + 1);
        if (first < 0 || second < 0 || message.indexOf('\0', second + 1) >= 0) {
            return Uni.createFrom().item(Completion.bad("Invalid PLAIN message"));
        }
        String authorizationId = message.substring(0, first);
        String user = message.substring(first + 1, second);
        String password = message.substring(second + 1);
        if (user.isEmpty()) {
            return Uni.createFrom().item(Completion.bad("Invalid PLAIN message"));
        }
        if (!authorizationId.isEmpty() && !authorizationId.equals(user)) {
            return Uni.createFrom().item(Completion.no(ResponseCode.AUTHORIZATIONFAILED,
                    "Acting as another user is not supported"));
        }
        return authenticator.authenticate(session, user, password, "PLAIN");
    }
}
