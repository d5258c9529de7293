package io.mailserver.imap.handler;

import io.mailserver.contracts.storage.v1.ListMailboxesResponse;
import io.mailserver.contracts.storage.v1.Mailbox;
import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.ListCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.ListResponse;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * RFC 9051 §6.3.9 LIST and RFC 3501 §6.3.9 LSUB (with its {@code %} rule for unsubscribed
 * parents of subscribed mailboxes), with the wildcards {@code *} and {@code %},
 * the child attributes of RFC 3348 and the special-use attributes of RFC 6154. A level that only
 * exists as the parent of other mailboxes is listed with {@code \Noselect}.
 */
@Singleton
public class ListHandler implements CommandHandler<ListCommand> {

    static final String DELIMITER = "/";

    private final StorageClient storage;

    public ListHandler(StorageClient storage) {
        this.storage = storage;
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
        String verb = command.subscribed() ? "LSUB" : "LIST";
        if (command.pattern().isEmpty()) {
            // RFC 9051 §6.3.9: the hierarchy delimiter and the root of the reference
            session.send(new ListResponse(verb, List.of("\\Noselect"), DELIMITER, ""));
            return Uni.createFrom().item(Completion.ok(verb + " completed"));
        }
        return session.onContext(storage.listMailboxes(session.account().getAccountId()))
                .map(response -> {
                    for (ListResponse line : matches(verb, response, command)) {
                        session.send(line);
                    }
                    return Completion.ok(verb + " completed");
                });
    }

    static List<ListResponse> matches(String verb, ListMailboxesResponse response, ListCommand command) {
        String delimiter = response.getDelimiter().isEmpty() ? DELIMITER : response.getDelimiter();
        Pattern pattern = compile(canonicalInbox(command.reference() + command.pattern()), delimiter);
        Map<String, Mailbox> existing = new TreeMap<>();
        for (Mailbox mailbox : response.getMailboxesList()) {
            existing.put(mailbox.getName(), mailbox);
        }
        // every name, plus the parents that exist only as levels of the hierarchy
        Map<String, Mailbox> all = new TreeMap<>(existing);
        for (String name : existing.keySet()) {
            int at = name.indexOf(delimiter);
            while (at > 0) {
                all.putIfAbsent(name.substring(0, at), null);
                at = name.indexOf(delimiter, at + delimiter.length());
            }
        }
        List<String> names = new ArrayList<>(all.keySet());
        names.sort(Comparator.comparing((String n) -> !n.equals("INBOX")).thenComparing(Comparator.naturalOrder()));
        List<ListResponse> out = new ArrayList<>();
        for (String name : names) {
            if (!pattern.matcher(name).matches()) {
                continue;
            }
            Mailbox mailbox = all.get(name);
            boolean children = hasChildren(all.keySet(), name, delimiter);
            List<String> attributes = new ArrayList<>();
            if (command.subscribed()) {
                if (mailbox == null || !mailbox.getSubscribed()) {
                    // RFC 3501 §6.3.9: a level "%" stops at whose subscribed descendant the pattern
                    // does not reach is listed itself, as \Noselect
                    if (!hasUnreachedSubscribedChild(existing, name, delimiter, pattern)) {
                        continue;
                    }
                    attributes.add("\\Noselect");
                }
            } else if (mailbox == null) {
                attributes.add("\\Noselect");
                attributes.add("\\HasChildren");
            } else {
                attributes.add(children ? "\\HasChildren" : "\\HasNoChildren");
                String use = SpecialUses.attribute(mailbox.getSpecialUse());
                if (use != null) {
                    attributes.add(use);
                }
            }
            out.add(new ListResponse(verb, attributes, delimiter, name));
        }
        return out;
    }

    private static boolean hasUnreachedSubscribedChild(Map<String, Mailbox> existing, String name, String delimiter,
            Pattern pattern) {
        String prefix = name + delimiter;
        for (Mailbox other : existing.values()) {
            if (other.getSubscribed() && other.getName().startsWith(prefix) && !pattern.matcher(other.getName()).matches()) {
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
