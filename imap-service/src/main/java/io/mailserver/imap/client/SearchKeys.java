package io.mailserver.imap.client;

import io.mailserver.contracts.storage.v1.DateCondition;
import io.mailserver.contracts.storage.v1.FlagCondition;
import io.mailserver.contracts.storage.v1.HeaderCondition;
import io.mailserver.contracts.storage.v1.SearchKeyList;
import io.mailserver.contracts.storage.v1.SizeCondition;
import io.mailserver.imap.command.SearchKey;
import io.mailserver.imap.session.MessageNumbers;
import io.mailserver.imap.session.SelectedMailbox;
import java.time.LocalDate;
import java.util.BitSet;

/**
 * IMAP search keys in storage's terms: every set of numbers becomes a set of UIDs the client knows
 * (through the session's numbering), \Recent the UIDs of the session's recent messages, and
 * {@code $} the saved result's.
 */
final class SearchKeys {

    private SearchKeys() {
    }

    static io.mailserver.contracts.storage.v1.SearchKey of(SearchKey key, SelectedMailbox mailbox) {
        MessageNumbers numbers = mailbox.messages();
        var out = io.mailserver.contracts.storage.v1.SearchKey.newBuilder();
        if (key instanceof SearchKey.All) {
            out.setAll(true);
        } else if (key instanceof SearchKey.Recent r) {
            var matching = uids(numbers, numbers.positionsOf(mailbox.recent()));
            return r.present() ? matching : not(matching);
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
            out.setNot(of(n.key(), mailbox));
        } else if (key instanceof SearchKey.Or o) {
            out.setAnyOf(SearchKeyList.newBuilder().addKeys(of(o.left(), mailbox)).addKeys(of(o.right(), mailbox)));
        } else if (key instanceof SearchKey.And a) {
            SearchKeyList.Builder list = SearchKeyList.newBuilder();
            for (SearchKey k : a.keys()) {
                list.addKeys(of(k, mailbox));
            }
            out.setAllOf(list);
        }
        return out.build();
    }

    /**
     * The key narrowed to the messages the session knows, so that no message the client has not
     * been told of yet (by EXISTS) turns up in a SORT or THREAD answer.
     */
    static io.mailserver.contracts.storage.v1.SearchKey ofKnown(SearchKey key, SelectedMailbox mailbox) {
        BitSet all = new BitSet();
        all.set(0, mailbox.messages().size());
        return io.mailserver.contracts.storage.v1.SearchKey.newBuilder()
                .setAllOf(SearchKeyList.newBuilder().addKeys(of(key, mailbox)).addKeys(uids(mailbox.messages(), all)))
                .build();
    }

    static io.mailserver.contracts.storage.v1.SearchKey uids(MessageNumbers numbers, BitSet positions) {
        if (positions.isEmpty()) {
            // an empty UID set would be easy to misread as "no condition": say "nothing" plainly
            return not(io.mailserver.contracts.storage.v1.SearchKey.newBuilder().setAll(true).build());
        }
        return io.mailserver.contracts.storage.v1.SearchKey.newBuilder().setUids(UidSets.of(numbers, positions)).build();
    }

    private static io.mailserver.contracts.storage.v1.SearchKey not(io.mailserver.contracts.storage.v1.SearchKey key) {
        return io.mailserver.contracts.storage.v1.SearchKey.newBuilder().setNot(key).build();
    }

    private static DateCondition date(SearchKey.DateOp op, LocalDate date) {
        return DateCondition.newBuilder()
                .setOp(switch (op) {
                    case BEFORE -> DateCondition.Op.BEFORE;
                    case ON -> DateCondition.Op.ON;
                    case SINCE -> DateCondition.Op.SINCE;
                })
                .setDate(date.toString())
                .build();
    }
}
