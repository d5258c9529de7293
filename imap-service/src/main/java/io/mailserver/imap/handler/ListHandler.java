package io.mailserver.imap.handler;

import io.mailserver.imap.client.MailboxInfo;
import io.mailserver.imap.client.MailboxListing;
import io.mailserver.imap.client.MailboxRole;
import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.ListCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.ListResponse;
import io.mailserver.imap.reply.MailboxStatusResponse;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.ServerCapabilities;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * RFC 9051 §6.3.9 LIST and RFC 3501 §6.3.9 LSUB (with its {@code %} rule for unsubscribed
 * parents of subscribed mailboxes), with the wildcards {@code *} and {@code %}, the child
 * attributes of RFC 3348, the special-use attributes of RFC 6154, RFC 5258 LIST-EXTENDED
 * (several patterns; SUBSCRIBED, SPECIAL-USE and RECURSIVEMATCH selection with CHILDINFO; REMOTE,
 * which has no remote mailboxes to add here) and RFC 5819 LIST-STATUS. A level that only exists as
 * the parent of other mailboxes is listed with {@code \Noselect}; a subscription whose mailbox was
 * deleted lists as {@code \NonExistent} (LSUB: {@code \Noselect}).
 */
@Singleton
public class ListHandler implements CommandHandler<ListCommand> {

    static final String DELIMITER = "/";

    private final StorageClient storage;
    private final ServerCapabilities capabilities;

    public ListHandler(StorageClient storage, ServerCapabilities capabilities) {
        this.storage = storage;
        this.capabilities = capabilities;
    }

    /** One line of the answer and the mailbox it names (null when that does not exist). */
    record Listed(ListResponse line, MailboxInfo mailbox) {
    }

    @Override
    public Class<ListCommand> command() {
        return ListCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> handle(ListCommand command, ImapSession session) {
        String verb = command.name();
        if (command.patterns().equals(List.of("")) && command.selection().isEmpty()) {
            // RFC 9051 §6.3.9: the hierarchy delimiter and the root of the reference
            session.send(new ListResponse(verb, List.of("\\Noselect"), DELIMITER, ""));
            return Uni.createFrom().item(Completion.ok(verb + " completed"));
        }
        List<String> status = command.statusItems();
        if (status != null && status.contains("HIGHESTMODSEQ")) {
            Condstore.turnOn(session);
        }
        long accountId = session.account().accountId();
        return session.onContext(storage.listMailboxes(accountId)).flatMap(response -> {
            List<Listed> listed = matches(verb, response, command);
            if (status == null) {
                listed.forEach(l -> session.send(l.line()));
                return Uni.createFrom().item(Completion.ok(verb + " completed"));
            }
            // RFC 5819: each selectable mailbox's STATUS right after its LIST line
            return Multi.createFrom().iterable(listed)
                    .onItem().transformToUniAndConcatenate(l -> {
                        session.send(l.line());
                        if (l.mailbox() == null || l.line().attributes().contains("\\Noselect")) {
                            return Uni.createFrom().voidItem();
                        }
                        Uni<MailboxInfo> counters = status.contains("RECENT")
                                ? session.onContext(storage.getMailbox(accountId, l.mailbox().name(), true))
                                : Uni.createFrom().item(l.mailbox());
                        return counters.invoke(m -> session.send(new MailboxStatusResponse(m.name(),
                                StatusHandler.values(m, status, capabilities.appendLimit())))).replaceWithVoid();
                    })
                    .collect().last()
                    .replaceWith(Completion.ok(verb + " completed"));
        });
    }

    static List<Listed> matches(String verb, MailboxListing response, ListCommand command) {
        String delimiter = response.delimiter().isEmpty() ? DELIMITER : response.delimiter();
        List<Pattern> patterns = command.patterns().stream()
                .map(p -> compile(canonicalInbox(command.reference() + p), delimiter))
                .toList();
        Map<String, MailboxInfo> existing = new TreeMap<>();
        for (MailboxInfo mailbox : response.mailboxes()) {
            existing.put(mailbox.name(), mailbox);
        }
        Set<String> kept = new TreeSet<>(response.subscribedWithoutMailbox());
        kept.removeAll(existing.keySet());
        // every name, plus the parents that exist only as levels of the hierarchy
        Map<String, MailboxInfo> all = new TreeMap<>(existing);
        for (String name : existing.keySet()) {
            int at = name.indexOf(delimiter);
            while (at > 0) {
                all.putIfAbsent(name.substring(0, at), null);
                at = name.indexOf(delimiter, at + delimiter.length());
            }
        }
        boolean bySubscription = command.selection().contains(ListCommand.Selection.SUBSCRIBED);
        boolean byUse = command.selection().contains(ListCommand.Selection.SPECIAL_USE);
        boolean recursive = command.selection().contains(ListCommand.Selection.RECURSIVEMATCH);
        boolean showSubscribed = bySubscription || command.returns().contains(ListCommand.Return.SUBSCRIBED);
        Set<String> names = new TreeSet<>(all.keySet());
        if (command.lsub() || bySubscription) {
            names.addAll(kept);
        }
        List<String> ordered = new ArrayList<>(names);
        ordered.sort(Comparator.comparing((String n) -> !n.equals("INBOX")).thenComparing(Comparator.naturalOrder()));
        Criteria criteria = new Criteria(bySubscription, byUse, existing, kept);
        List<Listed> out = new ArrayList<>();
        for (String name : ordered) {
            if (!matchesAny(patterns, name)) {
                continue;
            }
            MailboxInfo mailbox = all.get(name);
            boolean gone = mailbox == null && kept.contains(name);
            List<String> attributes = new ArrayList<>();
            List<String> childInfo = List.of();
            if (command.lsub()) {
                if (!gone && (mailbox == null || !mailbox.subscribed())) {
                    // RFC 3501 §6.3.9: a level "%" stops at whose subscribed descendant the pattern
                    // does not reach is listed itself, as \Noselect
                    if (!hasUnreachedSubscribedChild(existing, name, delimiter, patterns.get(0))) {
                        continue;
                    }
                }
                if (mailbox == null || !mailbox.subscribed()) {
                    attributes.add("\\Noselect");
                }
                out.add(new Listed(new ListResponse(verb, attributes, delimiter, name), mailbox));
                continue;
            }
            if (!criteria.met(name)) {
                // RFC 5258 §3.5: with RECURSIVEMATCH a parent is listed for descendants that meet
                // the selection but that the patterns do not reach themselves
                if (!recursive || !criteria.metBelow(name + delimiter, patterns)) {
                    continue;
                }
                childInfo = criteria.names();
            }
            if (gone) {
                attributes.add("\\NonExistent");
            } else if (mailbox == null) {
                attributes.add("\\Noselect");
                attributes.add("\\HasChildren");
            } else {
                attributes.add(hasChildren(all.keySet(), name, delimiter) ? "\\HasChildren" : "\\HasNoChildren");
                String use = SpecialUses.attribute(mailbox.role());
                if (use != null) {
                    attributes.add(use);
                }
            }
            if (showSubscribed && (gone || (mailbox != null && mailbox.subscribed()))) {
                attributes.add("\\Subscribed");
            }
            out.add(new Listed(new ListResponse(verb, attributes, delimiter, name, childInfo), gone ? null : mailbox));
        }
        return out;
    }

    /** The RFC 5258 selection options of one command, over the account's names. */
    private record Criteria(boolean bySubscription, boolean byUse, Map<String, MailboxInfo> existing, Set<String> kept) {

        boolean met(String name) {
            MailboxInfo mailbox = existing.get(name);
            boolean subscribed = kept.contains(name) || (mailbox != null && mailbox.subscribed());
            boolean special = mailbox != null && mailbox.role() != MailboxRole.NONE;
            return (!bySubscription || subscribed) && (!byUse || special);
        }

        /** Whether a name under {@code prefix} meets the selection without any pattern matching it. */
        boolean metBelow(String prefix, List<Pattern> patterns) {
            for (String other : existing.keySet()) {
                if (other.startsWith(prefix) && met(other) && !matchesAny(patterns, other)) {
                    return true;
                }
            }
            for (String other : kept) {
                if (other.startsWith(prefix) && met(other) && !matchesAny(patterns, other)) {
                    return true;
                }
            }
            return false;
        }

        List<String> names() {
            List<String> names = new ArrayList<>(2);
            if (bySubscription) {
                names.add("SUBSCRIBED");
            }
            if (byUse) {
                names.add("SPECIAL-USE");
            }
            return names;
        }
    }

    private static boolean matchesAny(List<Pattern> patterns, String name) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasUnreachedSubscribedChild(Map<String, MailboxInfo> existing, String name, String delimiter,
            Pattern pattern) {
        String prefix = name + delimiter;
        for (MailboxInfo other : existing.values()) {
            if (other.subscribed() && other.name().startsWith(prefix) && !pattern.matcher(other.name()).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasChildren(Set<String> names, String name, String delimiter) {
        String prefix = name + delimiter;
        for (String other : names) {
            if (other.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** INBOX is case-insensitive (RFC 9051 §5.1): "inbox/%" means "INBOX/%". */
    static String canonicalInbox(String pattern) {
        if (pattern.length() >= 5 && pattern.substring(0, 5).equalsIgnoreCase("INBOX")
                && (pattern.length() == 5 || pattern.charAt(5) == '/')) {
            return "INBOX" + pattern.substring(5);
        }
        return pattern;
    }

    /** {@code *} matches anything, {@code %} anything but the delimiter. */
    static Pattern compile(String pattern, String delimiter) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '%') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : "(?:(?!" + Pattern.quote(delimiter) + ").)*");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
