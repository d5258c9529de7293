package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.command.CapabilityCommand;
import io.mailserver.imap.command.CheckCommand;
import io.mailserver.imap.command.CloseCommand;
import io.mailserver.imap.command.DeleteCommand;
import io.mailserver.imap.command.ExpungeCommand;
import io.mailserver.imap.command.IdleCommand;
import io.mailserver.imap.command.LogoutCommand;
import io.mailserver.imap.command.NamespaceCommand;
import io.mailserver.imap.command.NoopCommand;
import io.mailserver.imap.command.StartTlsCommand;
import io.mailserver.imap.command.SubscribeCommand;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every command the server understands, by name: the one place a new command is registered. The
 * decoder asks it whether a name is known and may carry literals, the parser which grammar builds
 * the command's record; which handler runs it is found by the record's class.
 */
public final class CommandTable {

    private static final Map<String, CommandGrammar> UID_COMMANDS = byName(List.of(
            new FetchGrammar(true),
            new StoreGrammar(true),
            new SearchGrammar(true),
            new SortGrammar(true),
            new ThreadGrammar(true),
            new CopyGrammar(true, false),
            new CopyGrammar(true, true),
            new UidExpungeGrammar()));

    private static final Map<String, CommandGrammar> COMMANDS = byName(List.of(
            // any state (RFC 9051 §6.1)
            new NoArguments("CAPABILITY", CapabilityCommand::new),
            new NoArguments("NOOP", NoopCommand::new),
            new NoArguments("LOGOUT", LogoutCommand::new),
            new IdGrammar(),
            // not authenticated (§6.2)
            new NoArguments("STARTTLS", StartTlsCommand::new),
            new AuthenticateGrammar(),
            new LoginGrammar(),
            // authenticated (§6.3)
            new EnableGrammar(),
            new CompressGrammar(),
            new SelectGrammar("SELECT", false),
            new SelectGrammar("EXAMINE", true),
            new CreateGrammar(),
            new MailboxGrammar("DELETE", DeleteCommand::new),
            new RenameGrammar(),
            new MailboxGrammar("SUBSCRIBE", (tag, mailbox) -> new SubscribeCommand(tag, mailbox, true)),
            new MailboxGrammar("UNSUBSCRIBE", (tag, mailbox) -> new SubscribeCommand(tag, mailbox, false)),
            new ListGrammar("LIST", false),
            new ListGrammar("LSUB", true),
            new NoArguments("NAMESPACE", NamespaceCommand::new),
            new NoArguments("IDLE", IdleCommand::new),
            new StatusGrammar(),
            new AppendGrammar(),
            new QuotaGrammar("GETQUOTA"),
            new QuotaGrammar("GETQUOTAROOT"),
            new QuotaGrammar("SETQUOTA"),
            // selected (§6.4)
            new NoArguments("CHECK", CheckCommand::new),
            new NoArguments("CLOSE", tag -> new CloseCommand(tag, true)),
            new NoArguments("UNSELECT", tag -> new CloseCommand(tag, false)),
            new NoArguments("EXPUNGE", ExpungeCommand::new),
            new SearchGrammar(false),
            new SortGrammar(false),
            new ThreadGrammar(false),
            new FetchGrammar(false),
            new StoreGrammar(false),
            new CopyGrammar(false, false),
            new CopyGrammar(false, true),
            new UidGrammar(UID_COMMANDS)));

    private CommandTable() {
    }

    /** The grammar of the command called {@code name} (upper case), or null when there is none. */
    public static CommandGrammar grammar(String name) {
        return COMMANDS.get(name);
    }

    private static Map<String, CommandGrammar> byName(List<CommandGrammar> grammars) {
        return grammars.stream().collect(Collectors.toUnmodifiableMap(CommandGrammar::name, Function.identity()));
    }
}
