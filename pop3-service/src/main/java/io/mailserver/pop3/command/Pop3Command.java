package io.mailserver.pop3.command;

/** One parsed POP3 command. */
public sealed interface Pop3Command permits UserCommand, PassCommand, StatCommand, ListCommand, RetrCommand,
        DeleCommand, NoopCommand, RsetCommand, QuitCommand, TopCommand, UidlCommand, CapaCommand, StlsCommand,
        AuthCommand {

    Verb verb();
}
