package io.mailserver.imap.command;

/**
 * A parsed client command: immutable, syntactically valid, not yet checked against the session
 * state. One record per command (RFC 9051 §6); the UID variants of FETCH, SEARCH, STORE, COPY,
 * MOVE and EXPUNGE are the same records with {@code uid} (or the UID set) given. Which command name
 * parses into which record is listed in one place, {@link io.mailserver.imap.codec.grammar.CommandTable}.
 */
public sealed interface ImapCommand
        permits CapabilityCommand, NoopCommand, LogoutCommand, StartTlsCommand, LoginCommand,
        AuthenticateCommand, ListCommand, SelectCommand, CloseCommand, CheckCommand, FetchCommand,
        SearchCommand, StoreCommand, ExpungeCommand, CreateCommand, DeleteCommand, RenameCommand,
        SubscribeCommand, StatusCommand, NamespaceCommand, EnableCommand, IdCommand, CopyCommand, AppendCommand,
        IdleCommand, SortCommand, ThreadCommand, GetQuotaCommand, GetQuotaRootCommand, SetQuotaCommand,
        CompressCommand {

    String tag();

    /** The command name as metrics and logs show it, e.g. {@code UID FETCH}. */
    String name();

    /**
     * Whether untagged EXPUNGE responses may be sent while this command runs: never during FETCH,
     * STORE and SEARCH, because the client may still be using the sequence numbers
     * (RFC 9051 §7.5.1).
     */
    default boolean allowsExpungeResponses() {
        return true;
    }

    /**
     * Whether the command only reads the selected mailbox: after it, storage is asked for other
     * sessions' changes only when a change event announced one (or the last ask is older than
     * {@code mail.imap.timeouts.changes-check}). Commands that write, NOOP, CHECK and IDLE always ask.
     */
    default boolean onlyReads() {
        return false;
    }
}
