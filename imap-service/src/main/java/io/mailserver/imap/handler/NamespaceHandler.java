package io.mailserver.imap.handler;

import io.mailserver.imap.command.NamespaceCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.NamespaceResponse;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * RFC 9051 §6.3.10 NAMESPACE: every mailbox is in the one personal namespace with the empty prefix;
 * there are no other users' or shared namespaces, so no name can reach another account.
 */
@Singleton
public class NamespaceHandler implements CommandHandler<NamespaceCommand> {

    @Override
    public Class<NamespaceCommand> command() {
        return NamespaceCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> handle(NamespaceCommand command, ImapSession session) {
        session.send(new NamespaceResponse("", ListHandler.DELIMITER));
        return Uni.createFrom().item(Completion.ok("NAMESPACE completed"));
    }
}
