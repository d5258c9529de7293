package io.mailserver.imap.handler;

import io.mailserver.imap.command.CompressCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * RFC 4978 COMPRESS DEFLATE, after login: the tagged OK goes out plain, everything after it in
 * both directions is raw deflate. Once on it stays on ({@code NO [COMPRESSIONACTIVE]}).
 */
@Singleton
public class CompressHandler implements CommandHandler<CompressCommand> {

    private static final ResponseCode COMPRESSIONACTIVE = new ResponseCode("COMPRESSIONACTIVE", null);

    @Override
    public Class<CompressCommand> command() {
        return CompressCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> handle(CompressCommand command, ImapSession session) {
        if (!command.mechanism().equals("DEFLATE")) {
            return Uni.createFrom().item(Completion.bad("Unknown compression mechanism"));
        }
        if (session.channel().compressed()) {
            return Uni.createFrom().item(Completion.no(COMPRESSIONACTIVE, "DEFLATE is already active"));
        }
        return Uni.createFrom().item(Completion.ok("DEFLATE active").then(session.channel()::startCompression));
    }
}
