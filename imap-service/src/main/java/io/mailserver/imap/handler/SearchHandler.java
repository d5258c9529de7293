package io.mailserver.imap.handler;

import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.SearchCommand;
import io.mailserver.imap.command.SearchKey;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.EsearchResponse;
import io.mailserver.imap.reply.NumberSetText;
import io.mailserver.imap.reply.SearchResponse;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.MessageNumbers;
import io.mailserver.imap.session.SelectedMailbox;
import io.mailserver.imap.session.ServerCapabilities;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * RFC 9051 §6.4.4 SEARCH and UID SEARCH: the keys are mapped to the storage contract (sequence
 * numbers to UIDs, through the session's numbering) and searched in one call; the answer lists
 * only messages the client knows.
 */
@Singleton
public class SearchHandler implements CommandHandler<SearchCommand> {

    static final List<String> CHARSETS = List.of("UTF-8", "US-ASCII");

    private final StorageClient storage;

    public SearchHandler(StorageClient storage) {
        this.storage = storage;
    }

    @Override
    public Class<SearchCommand> command() {
        return SearchCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return SELECTED;
    }

    @Override
    public Uni<Completion> handle(SearchCommand asked, ImapSession session) {
        // RFC 9051 §6.4.4: in IMAP4rev2 a SEARCH without RETURN is RETURN (ALL), answered by ESEARCH
        SearchCommand command = asked.returns() == null && session.rev2()
                ? new SearchCommand(asked.tag(), asked.charset(), asked.key(), asked.uid(),
                        Set.of(SearchCommand.ReturnOption.ALL))
                : asked;
        boolean save = command.returns() != null && command.returns().contains(SearchCommand.ReturnOption.SAVE);
        Completion refused = command.charset() != null && session.enabled(ServerCapabilities.UTF8_ACCEPT)
                // RFC 9755 §3: search strings are UTF-8 in such a session, a CHARSET contradicts that
                ? Completion.bad("No CHARSET after ENABLE UTF8=ACCEPT: search strings are UTF-8")
                : SearchScope.refusedCharset(command.charset());
        if (refused != null) {
            if (save) {
                saveResult(session, MessageNumbers.EMPTY);
            }
            return Uni.createFrom().item(refused);
        }
        SessionState.Selected selected = session.selected();
        SelectedMailbox mailbox = selected.mailbox();
        boolean modseq = usesModseq(command.key());
        if (modseq) {
            Condstore.turnOn(session);
        }
        long accountId = selected.account().accountId();
        return session.onContext(storage.search(accountId, mailbox, command.key())).onFailure().invoke(failure -> {
            // RFC 5182 §2.4: a SEARCH that fails leaves the saved result empty
            if (save) {
                saveResult(session, MessageNumbers.EMPTY);
            }
        }).flatMap(response -> {
            MessageNumbers numbers = session.selected().mailbox().messages();
            BitSet found = response.known(numbers);
            if (save) {
                saveResult(session, saved(command.returns(), numbers, found));
            }
            long[] answer = new long[found.cardinality()];
            int j = 0;
            for (int i = found.nextSetBit(0); i >= 0; i = found.nextSetBit(i + 1)) {
                answer[j++] = command.uid() ? Integer.toUnsignedLong(numbers.uid(i + 1)) : i + 1;
            }
            Completion done = Completion.ok(command.name() + " completed");
            if (command.returns() == null) {
                // RFC 7162 §3.1.5: a search with MODSEQ also says the highest mod-sequence it found
                session.send(new SearchResponse(answer, modseq && answer.length > 0 ? response.highestModseq() : 0));
                return Uni.createFrom().item(done);
            }
            Set<SearchCommand.ReturnOption> returns = command.returns();
            if (returns.equals(Set.of(SearchCommand.ReturnOption.SAVE))) {
                return Uni.createFrom().item(done);
            }
            if (!modseq || answer.length == 0 || returns.contains(SearchCommand.ReturnOption.ALL)
                    || returns.contains(SearchCommand.ReturnOption.COUNT)) {
                session.send(esearch(command, answer, modseq && answer.length > 0 ? response.highestModseq() : -1));
                return Uni.createFrom().item(done);
            }
            // RFC 7162 §3.1.5: with only MIN and/or MAX, MODSEQ is that of the messages returned
            int first = uidAt(numbers, found.nextSetBit(0));
            int last = uidAt(numbers, found.length() - 1);
            boolean min = returns.contains(SearchCommand.ReturnOption.MIN);
            boolean max = returns.contains(SearchCommand.ReturnOption.MAX);
            MessageNumbers ends = min && max ? MessageNumbers.of(first, last) : MessageNumbers.of(min ? first : last);
            return session.onContext(storage.highestModseq(accountId, mailbox.mailboxId(), ends)).map(highest -> {
                session.send(esearch(command, answer, highest));
                return done;
            });
        });
    }

    private static void saveResult(ImapSession session, MessageNumbers uids) {
        session.selectedMailbox(session.selected().mailbox().withSaved(uids));
    }

    /**
     * RFC 5182 §2.4: with MIN and/or MAX but neither ALL nor COUNT, only those messages are saved;
     * otherwise every match.
     */
    private static MessageNumbers saved(Set<SearchCommand.ReturnOption> returns, MessageNumbers numbers, BitSet found) {
        if (found.isEmpty()) {
            return MessageNumbers.EMPTY;
        }
        boolean min = returns.contains(SearchCommand.ReturnOption.MIN);
        boolean max = returns.contains(SearchCommand.ReturnOption.MAX);
        if ((min || max) && !returns.contains(SearchCommand.ReturnOption.ALL)
                && !returns.contains(SearchCommand.ReturnOption.COUNT)) {
            int first = uidAt(numbers, found.nextSetBit(0));
            int last = uidAt(numbers, found.length() - 1);
            return min && max && first != last ? MessageNumbers.of(first, last) : MessageNumbers.of(min ? first : last);
        }
        int[] uids = new int[found.cardinality()];
        int j = 0;
        for (int i = found.nextSetBit(0); i >= 0; i = found.nextSetBit(i + 1)) {
            uids[j++] = numbers.uid(i + 1);
        }
        return MessageNumbers.of(uids);
    }

    private static int uidAt(MessageNumbers numbers, int position) {
        return numbers.uid(position + 1);
    }

    /** RFC 4731 §3.1 ESEARCH: only what RETURN asked for; MIN, MAX and ALL are left out when nothing matched. */
    private static EsearchResponse esearch(SearchCommand command, long[] answer, long modseq) {
        Set<SearchCommand.ReturnOption> returns = command.returns();
        boolean any = answer.length > 0;
        Long min = any && returns.contains(SearchCommand.ReturnOption.MIN) ? answer[0] : null;
        Long max = any && returns.contains(SearchCommand.ReturnOption.MAX) ? answer[answer.length - 1] : null;
        long count = returns.contains(SearchCommand.ReturnOption.COUNT) ? answer.length : -1;
        String all = null;
        if (any && returns.contains(SearchCommand.ReturnOption.ALL)) {
            int[] numbers = new int[answer.length];
            for (int i = 0; i < answer.length; i++) {
                numbers[i] = (int) answer[i];
            }
            all = NumberSetText.of(numbers);
        }
        return new EsearchResponse(command.tag(), command.uid(), min, max, count, all, modseq);
    }

    static boolean usesModseq(SearchKey key) {
        if (key instanceof SearchKey.Modseq) {
            return true;
        } else if (key instanceof SearchKey.Not n) {
            return usesModseq(n.key());
        } else if (key instanceof SearchKey.Or o) {
            return usesModseq(o.left()) || usesModseq(o.right());
        } else if (key instanceof SearchKey.And a) {
            return a.keys().stream().anyMatch(SearchHandler::usesModseq);
        }
        return false;
    }
}
