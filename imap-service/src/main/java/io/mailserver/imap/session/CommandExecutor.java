package io.mailserver.imap.session;

import io.mailserver.imap.command.ImapCommand;
import io.mailserver.imap.reply.Status;
import io.smallrye.mutiny.Uni;

/**
 * Runs one parsed command to its tagged response. The connection calls it for one command at a
 * time and reads no further command until the returned Uni completes, on the connection's context.
 */
@FunctionalInterface
public interface CommandExecutor {

    /** The status of the tagged response, which has been written when the Uni completes. */
    Uni<Status> execute(ImapCommand command, ImapSession session);
}
