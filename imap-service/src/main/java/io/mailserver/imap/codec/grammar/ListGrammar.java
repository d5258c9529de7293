package io.mailserver.imap.codec.grammar;

import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.TokenCursor;
import io.mailserver.imap.command.ListCommand;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * RFC 9051 §6.3.9 LIST with RFC 5258's extended form: {@code LIST [SP "(" [selection options] ")"]
 * SP mailbox SP (list-mailbox / "(" list-mailbox *(SP list-mailbox) ")") [SP "RETURN" SP "("
 * [return options] ")"]}, RFC 5819's {@code STATUS (...)} among the return options; and RFC 3501
 * LSUB, {@code SP mailbox SP list-mailbox} only.
 */
record ListGrammar(String name, boolean lsub) implements CommandGrammar {

    @Override
    public boolean takesLiterals() {
        return true;
    }

    @Override
    public ListCommand parse(String tag, TokenCursor c) throws SyntaxError {
        if (lsub) {
            return new ListCommand(tag, c.names().decode(c.astring()), c.names().decode(c.listMailbox()), true);
        }
        Set<ListCommand.Selection> selection = EnumSet.noneOf(ListCommand.Selection.class);
        if (c.peekOpen()) {
            c.open();
            while (!c.peekClose()) {
                selection.add(switch (TokenCursor.upper(c.atom())) {
                    case "SUBSCRIBED" -> ListCommand.Selection.SUBSCRIBED;
                    case "REMOTE" -> ListCommand.Selection.REMOTE;
                    case "RECURSIVEMATCH" -> ListCommand.Selection.RECURSIVEMATCH;
                    case "SPECIAL-USE" -> ListCommand.Selection.SPECIAL_USE;
                    default -> throw new SyntaxError("Unknown LIST selection option");
                });
            }
            c.close();
            // RFC 5258 §3.1: RECURSIVEMATCH needs an option it can recurse on (REMOTE is not one)
            if (selection.contains(ListCommand.Selection.RECURSIVEMATCH)
                    && !selection.contains(ListCommand.Selection.SUBSCRIBED)
                    && !selection.contains(ListCommand.Selection.SPECIAL_USE)) {
                throw new SyntaxError("RECURSIVEMATCH needs another selection option");
            }
        }
        String reference = c.names().decode(c.astring());
        List<String> patterns = new ArrayList<>();
        if (c.peekOpen()) {
            c.open();
            do {
                patterns.add(c.names().decode(c.listMailbox()));
            } while (!c.peekClose());
            c.close();
        } else {
            patterns.add(c.names().decode(c.listMailbox()));
        }
        Set<ListCommand.Return> returns = EnumSet.noneOf(ListCommand.Return.class);
        List<String> status = null;
        if (c.acceptKeyword("RETURN")) {
            c.open();
            while (!c.peekClose()) {
                String option = TokenCursor.upper(c.atom());
                switch (option) {
                    case "SUBSCRIBED" -> returns.add(ListCommand.Return.SUBSCRIBED);
                    case "CHILDREN" -> returns.add(ListCommand.Return.CHILDREN);
                    case "SPECIAL-USE" -> returns.add(ListCommand.Return.SPECIAL_USE);
                    case "STATUS" -> status = StatusGrammar.items(c);
                    default -> throw new SyntaxError("Unknown LIST return option");
                }
            }
            c.close();
        }
        return new ListCommand(tag, reference, patterns, false, selection, returns, status);
    }
}
