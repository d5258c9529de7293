package io.mailserver.imap.handler;

import io.mailserver.contracts.storage.v1.DateCondition;
import io.mailserver.contracts.storage.v1.FlagCondition;
import io.mailserver.contracts.storage.v1.HeaderCondition;
import io.mailserver.contracts.storage.v1.SearchKeyList;
import io.mailserver.contracts.storage.v1.SearchRequest;
import io.mailserver.contracts.storage.v1.SizeCondition;
import io.mailserver.contracts.storage.v1.UidRange;
import io.mailserver.contracts.storage.v1.UidSet;
import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.SearchCommand;
import io.mailserver.imap.command.SearchKey;
import io.mailserver.imap.command.SequenceSet;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.ResponseCode;
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
import java.util.ArrayList;
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
        SearchRequest request = SearchRequest.newBuilder()
                .setMailbox(StorageClient.mailbox(selected.account().getAccountId(), mailbox.mailboxId()))
                .setKey(toContract(command.key(), mailbox))
                .build();
        return session.onContext(storage.search(request)).onFailure().invoke(failure -> {
            // RFC 5182 §2.4: a SEARCH that fails leaves the saved result empty
            if (save) {
                saveResult(session, MessageNumbers.EMPTY);
            }
        }).flatMap(response -> {
            MessageNumbers numbers = session.selected().mailbox().messages();
            BitSet found = known(numbers, response.getUids());
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
                session.send(new SearchResponse(answer, modseq && answer.length > 0 ? response.getHighestModseq() : 0));
                return Uni.createFrom().item(done);
            }
            Set<SearchCommand.ReturnOption> returns = command.returns();
            if (returns.equals(Set.of(SearchCommand.ReturnOption.SAVE))) {
                return Uni.createFrom().item(done);
            }
            if (!modseq || answer.length == 0 || returns.contains(SearchCommand.ReturnOption.ALL)
                    || returns.contains(SearchCommand.ReturnOption.COUNT)) {
                session.send(esearch(command, answer, modseq && answer.length > 0 ? response.getHighestModseq() : -1));
                return Uni.createFrom().item(done);
            }
            // RFC 7162 §3.1.5: with only MIN and/or MAX, MODSEQ is that of the messages returned
            int first = uidAt(numbers, found.nextSetBit(0));
            int last = uidAt(numbers, found.length() - 1);
            boolean min = returns.contains(SearchCommand.ReturnOption.MIN);
            boolean max = returns.contains(SearchCommand.ReturnOption.MAX);
            UidSet.Builder ends = UidSet.newBuilder();
            if (min) {
                ends.addRanges(UidRange.newBuilder().setFirst(first).setLast(first));
            }
            if (max && !(min && first == last)) {
                ends.addRanges(UidRange.newBuilder().setFirst(last).setLast(last));
            }
            SearchRequest ofEnds = SearchRequest.newBuilder().setMailbox(request.getMailbox())
                    .setKey(io.mailserver.contracts.storage.v1.SearchKey.newBuilder().setUids(ends))
                    .build();
            return session.onContext(storage.search(ofEnds)).map(endsResponse -> {
                session.send(esearch(command, answer, endsResponse.getHighestModseq()));
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

    /**
     * The contract's search key; every set of numbers becomes a set of UIDs the client knows,
     * \Recent the UIDs of the session's recent messages among them, and {@code $} the saved result's.
     */
    static io.mailserver.contracts.storage.v1.SearchKey toContract(SearchKey key, SelectedMailbox mailbox) {
        MessageNumbers numbers = mailbox.messages();
        var out = io.mailserver.contracts.storage.v1.SearchKey.newBuilder();
        if (key instanceof SearchKey.All) {
            out.setAll(true);
        } else if (key instanceof SearchKey.Recent r) {
            var matching = uids(numbers, numbers.positionsOf(mailbox.recent()));
            return r.present() ? matching : io.mailserver.contracts.storage.v1.SearchKey.newBuilder().setNot(matching).build();
        } else if (key instanceof SearchKey.SequenceNumbers s) {
            return uids(numbers, mailbox.positions(s.set(), false, false));
        } else if (key instanceof SearchKey.Uids u) {
            return uids(numbers, mailbox.positions(u.set(), true, false));
        } else if (key instanceof SearchKey.Flag f) {
            out.setFlag(FlagCondition.newBuilder().setFlag(f.flag()).setPresent(f.present()));
        } else if (key instanceof SearchKey.Header h) {
            out.setHeader(HeaderCondition.newBuilder().setField(h.field()).setValue(h.value()));
        } else if (key instanceof SearchKey.Body b) {
            out.setBody(b.text());
        } else if (key instanceof SearchKey.Text t) {
            out.setText(t.text());
        } else if (key instanceof SearchKey.InternalDate d) {
            out.setInternalDate(date(d.op(), d.date()));
        } else if (key instanceof SearchKey.SentDate d) {
            out.setSentDate(date(d.op(), d.date()));
        } else if (key instanceof SearchKey.Size s) {
            out.setSize(SizeCondition.newBuilder().setLarger(s.larger()).setOctets(s.octets()));
        } else if (key instanceof SearchKey.Modseq m) {
            out.setModseqAtLeast(m.modseq());
        } else if (key instanceof SearchKey.EmailId e) {
            out.setEmailId(e.id());
        } else if (key instanceof SearchKey.Not n) {
            out.setNot(toContract(n.key(), mailbox));
        } else if (key instanceof SearchKey.Or o) {
            out.setAnyOf(SearchKeyList.newBuilder().addKeys(toContract(o.left(), mailbox))
                    .addKeys(toContract(o.right(), mailbox)));
        } else if (key instanceof SearchKey.And a) {
            SearchKeyList.Builder list = SearchKeyList.newBuilder();
            for (SearchKey k : a.keys()) {
                list.addKeys(toContract(k, mailbox));
            }
            out.setAllOf(list);
        }
        return out.build();
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

    private static io.mailserver.contracts.storage.v1.SearchKey all() {
        return io.mailserver.contracts.storage.v1.SearchKey.newBuilder().setAll(true).build();
    }

    static io.mailserver.contracts.storage.v1.SearchKey uids(MessageNumbers numbers, BitSet positions) {
        if (positions.isEmpty()) {
            // an empty UID set would be easy to misread as "no condition": say "nothing" plainly
            return io.mailserver.contracts.storage.v1.SearchKey.newBuilder().setNot(all()).build();
        }
        return io.mailserver.contracts.storage.v1.SearchKey.newBuilder().setUids(numbers.toUidSet(positions)).build();
    }

    private static DateCondition date(SearchKey.DateOp op, java.time.LocalDate date) {
        return DateCondition.newBuilder()
                .setOp(switch (op) {
                    case BEFORE -> DateCondition.Op.BEFORE;
                    case ON -> DateCondition.Op.ON;
                    case SINCE -> DateCondition.Op.SINCE;
                })
                .setDate(date.toString())
                .build();
    }

    /** Positions of the found UIDs that the client knows. */
    private static BitSet known(MessageNumbers numbers, UidSet found) {
        List<SequenceSet.Range> ranges = new ArrayList<>();
        for (UidRange range : found.getRangesList()) {
            if (range.getLast() != 0) {
                ranges.add(new SequenceSet.Range(Math.max(1, Integer.toUnsignedLong(range.getFirst())),
                        Integer.toUnsignedLong(range.getLast())));
            }
        }
        return ranges.isEmpty() ? new BitSet() : numbers.byUid(new SequenceSet(ranges));
    }
}
