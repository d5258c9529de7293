package io.mailserver.imap.session;

import io.mailserver.imap.config.ImapConfig;
import io.mailserver.imap.metrics.ImapMetrics;
import io.mailserver.protocol.net.ConnectionsPerAddress;
import io.mailserver.protocol.session.AccountSessions;

/** What every connection of one server shares: limits, collaborators, the greeting name. */
public record ConnectionSettings(String hostname, ImapConfig.Limits limits, ImapConfig.Timeouts timeouts,
        ServerCapabilities capabilities, ConnectionsPerAddress connectionsPerAddress, CommandExecutor executor,
        ImapMetrics metrics, AccountSessions sessions) {
}
