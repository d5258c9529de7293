package io.mailserver.imap.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.contracts.storage.v1.DateCondition;
import io.mailserver.contracts.storage.v1.SearchKey;
import io.mailserver.imap.codec.SequenceSetParser;
import io.mailserver.imap.session.MessageNumbers;
import io.mailserver.imap.session.SelectedMailbox;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchKeysTest {

    private static final MessageNumbers NUMBERS = MessageNumbers.of(10, 11, 12, 20);

    private static final SelectedMailbox MAILBOX = new SelectedMailbox(1, "INBOX", false, 1, NUMBERS, 1,
            MessageNumbers.EMPTY).withRecent(MessageNumbers.of(11, 20, 30)).withSaved(MessageNumbers.of(12, 13));

    private static SearchKey map(io.mailserver.imap.command.SearchKey key) {
        return SearchKeys.of(key, MAILBOX);
    }

    @Test
    void theSavedResultIsItsUidsTheSessionStillKnows() {
        SearchKey saved = map(new io.mailserver.imap.command.SearchKey.SequenceNumbers(
                io.mailserver.imap.command.SequenceSet.SAVED));
        assertThat(saved.getUids().getRangesList()).hasSize(1);
        assertThat(saved.getUids().getRanges(0).getFirst()).isEqualTo(12);
        assertThat(saved.getUids().getRanges(0).getLast()).isEqualTo(12);
    }

    @Test
    void sequenceNumbersBecomeUidsOfTheSession() {
        SearchKey key = map(new io.mailserver.imap.command.SearchKey.SequenceNumbers(SequenceSetParser.parse("2:*")));
        assertThat(key.getUids().getRangesList()).hasSize(1);
        assertThat(key.getUids().getRanges(0).getFirst()).isEqualTo(11);
        assertThat(key.getUids().getRanges(0).getLast()).isEqualTo(20);
        SearchKey uids = map(new io.mailserver.imap.command.SearchKey.Uids(SequenceSetParser.parse("1:11,15:*")));
        assertThat(uids.getUids().getRangesCount()).isEqualTo(2);
        // nothing selected: said plainly, not as an empty set
        SearchKey none = map(new io.mailserver.imap.command.SearchKey.SequenceNumbers(SequenceSetParser.parse("9")));
        assertThat(none.getNot().getAll()).isTrue();
    }

    @Test
    void keysMapOneToOne() {
        var and = new io.mailserver.imap.command.SearchKey.And(List.of(
                new io.mailserver.imap.command.SearchKey.Flag("\\Seen", false),
                new io.mailserver.imap.command.SearchKey.Or(
                        new io.mailserver.imap.command.SearchKey.Header("Subject", "x"),
                        new io.mailserver.imap.command.SearchKey.Body("y")),
                new io.mailserver.imap.command.SearchKey.SentDate(io.mailserver.imap.command.SearchKey.DateOp.SINCE,
                        LocalDate.of(2024, 2, 1)),
                new io.mailserver.imap.command.SearchKey.Size(true, 100),
                new io.mailserver.imap.command.SearchKey.Recent(true),
                new io.mailserver.imap.command.SearchKey.Recent(false)));
        SearchKey key = map(and);
        List<SearchKey> keys = key.getAllOf().getKeysList();
        assertThat(keys.get(0).getFlag().getFlag()).isEqualTo("\\Seen");
        assertThat(keys.get(0).getFlag().getPresent()).isFalse();
        assertThat(keys.get(1).getAnyOf().getKeys(0).getHeader().getField()).isEqualTo("Subject");
        assertThat(keys.get(1).getAnyOf().getKeys(1).getBody()).isEqualTo("y");
        assertThat(keys.get(2).getSentDate().getOp()).isEqualTo(DateCondition.Op.SINCE);
        assertThat(keys.get(2).getSentDate().getDate()).isEqualTo("2024-02-01");
        assertThat(keys.get(3).getSize().getLarger()).isTrue();
        assertThat(keys.get(4).getUids()).isEqualTo(UidSets.of(NUMBERS, NUMBERS.positionsOf(MessageNumbers.of(11, 20, 30))));
        assertThat(keys.get(5).getNot().getUids()).isEqualTo(keys.get(4).getUids());
    }
}
