package io.mailserver.imap.handler;

import io.mailserver.imap.command.AuthenticateCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.ContinuationRequest;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.ServerCapabilities;
import io.mailserver.imap.session.SessionState;
import io.mailserver.protocol.sasl.PlainCredentials;
import io.mailserver.protocol.sasl.SaslResponse;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
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
        SaslResponse parsed = SaslResponse.parse(response);
        if (parsed == SaslResponse.Cancelled.INSTANCE) {
            return Uni.createFrom().item(Completion.bad("Authentication cancelled"));
        }
        if (parsed == SaslResponse.Malformed.INSTANCE) {
            return Uni.createFrom().item(Completion.bad("Invalid base64"));
        }
        Optional<PlainCredentials> credentials = parsed.octets().flatMap(octets -> PlainCredentials.decode(octets.value()));
        if (credentials.isEmpty()) {
            return Uni.createFrom().item(Completion.bad("Invalid PLAIN message"));
        }
        if (!credentials.get().actsAsItself()) {
            return Uni.createFrom().item(Completion.no(ResponseCode.AUTHORIZATIONFAILED,
                    "Acting as another user is not supported"));
        }
        return authenticator.authenticate(session, credentials.get().user(), credentials.get().password(), "PLAIN");
    }
}
