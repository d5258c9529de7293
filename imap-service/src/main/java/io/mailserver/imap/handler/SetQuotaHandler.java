package io.mailserver.imap.handler;

import io.mailserver.imap.command.SetQuotaCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * RFC 9208 §4.1 SETQUOTA: limits are the operator's (storage's defaults, or an account's own set
 * through storage's SetQuota), never a user's, so the command is refused; QUOTASET is not advertised.
 */
@Singleton
public class SetQuotaHandler implements CommandHandler<SetQuotaCommand> {

    @Override
    public Class<SetQuotaCommand> command() {
        return SetQuotaCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> handle(SetQuotaCommand command, ImapSession session) {
        return Uni.createFrom().item(Completion.no(ResponseCode.NOPERM, "Quotas are set by the operator"));
    }
}
