package io.mailserver.storage.message.arrange;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.contracts.storage.v1.Envelope;
import io.mailserver.contracts.storage.v1.SortCriterion;
import io.mailserver.contracts.storage.v1.SortKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * SORT and THREAD over the messages of imaptest's sort-* and thread* scripts, with the answers
 * those scripts expect (the ones Dovecot gives), plus RFC 5256's base subject rules one by one.
 */
class ArrangeTest {

    private static final Instant T = Instant.parse("2008-02-22T21:00:00Z");

    private static final List<String> SUBJECTS = java.util.Arrays.asList("a", "C", "b", "_",
            "[foo] Fwd: [bar] Re: fw: b (fWd)  (fwd)", "b (a)", "Re: [FWD: c]", "[xyz]", null,
            "=?iso-8859-1?q?_?=", "Re: =?utf-8?q?b?=", "=?iso-8859-1?q?RE:_C?=", "=?us-ascii?b?UmU6IGM=?=",
            "Ad: Re: Ad: Re: Ad: x", "re: [fwd: [fwd: re: [fwd: babylon]]]");

    @Test
    void baseSubjects() {
        assertThat(BaseSubject.of("[foo] Fwd: [bar] Re: fw: b (fWd)  (fwd)")).isEqualTo(new BaseSubject("b", true));
        assertThat(BaseSubject.of("re: [fwd: [fwd: re: [fwd: babylon]]]")).isEqualTo(new BaseSubject("babylon", true));
        assertThat(BaseSubject.of("[xyz]")).isEqualTo(new BaseSubject("[xyz]", false));
        assertThat(BaseSubject.of("[list] topic")).isEqualTo(new BaseSubject("topic", false));
        assertThat(BaseSubject.of("Re [x]: Re:\tspaced\r\n  out ")).isEqualTo(new BaseSubject("spaced out", true));
        assertThat(BaseSubject.of("=?iso-8859-1?q?_?=")).isEqualTo(new BaseSubject("", false));
        assertThat(BaseSubject.of("Ad: Re: x")).isEqualTo(new BaseSubject("Ad: Re: x", false));
        assertThat(BaseSubject.of("Reply: x")).isEqualTo(new BaseSubject("Reply: x", false));
        assertThat(BaseSubject.of(null)).isEqualTo(new BaseSubject("", false));
    }

    @Test
    void sortBySubjectAsImaptestExpects() {
        List<SortableMessage> messages = new ArrayList<>();
        for (int i = 0; i < SUBJECTS.size(); i++) {
            messages.add(message(i + 1, T, envelope(SUBJECTS.get(i), null, null), List.of()));
        }
        assertThat(sorted(messages, criterion(SortKey.SORT_KEY_SUBJECT, false)))
                .isEqualTo("9 10 1 14 3 5 11 6 15 2 7 12 13 8 4");
        assertThat(sorted(messages, criterion(SortKey.SORT_KEY_SUBJECT, true)))
                .isEqualTo("4 8 2 7 12 13 15 6 3 5 11 14 1 9 10");
    }

    @Test
    void sortByDateFallsBackToTheInternalDate() {
        // imaptest sort-date: 5 and 7 have no Date field
        String[] dates = {"Fri, 22 Feb 2008 00:00:00 +0200", "Fri, 22 Feb 2008 02:00:00 +0200",
            "Fri, 22 Feb 2008 01:00:00 +0200", "Fri, 22 Feb 2008 02:00:00 +0200", null,
            "Fri, 22 Feb 2008 02:00:00 +0200", null};
        String[] arrivals = {"23:00:00", "22:00:00", "21:00:00", "20:00:00", "01:30:23", "18:00:00", "01:00:00"};
        List<SortableMessage> messages = new ArrayList<>();
        for (int i = 0; i < dates.length; i++) {
            Instant arrival = java.time.OffsetDateTime.parse("2008-02-22T" + arrivals[i] + "+02:00").toInstant();
            messages.add(message(i + 1, arrival, envelope(null, dates[i], null), List.of()));
        }
        assertThat(sorted(messages, criterion(SortKey.SORT_KEY_DATE, false))).isEqualTo("1 3 7 5 2 4 6");
        assertThat(sorted(messages, criterion(SortKey.SORT_KEY_DATE, true))).isEqualTo("2 4 6 5 3 7 1");
    }

    @Test
    void sortByDisplayName() {
        String[][] from = {{"foo bar", "a", "b.c"}, {null, "b", "c.d"}, {null, "d", null},
            {"=?iso-8859-1?q?foo_aar?=", "e", "f.g"}, {"=?iso-8859-1?q?foo_car?=", "f", "g.h"}};
        List<SortableMessage> messages = new ArrayList<>();
        for (int i = 0; i < from.length; i++) {
            var address = io.mailserver.contracts.storage.v1.Address.newBuilder().setMailbox(from[i][1]);
            if (from[i][0] != null) {
                address.setName(from[i][0]);
            }
            if (from[i][2] != null) {
                address.setHost(from[i][2]);
            }
            messages.add(message(i + 1, T, Envelope.newBuilder().addFrom(address).build(), List.of()));
        }
        assertThat(sorted(messages, criterion(SortKey.SORT_KEY_DISPLAY_FROM, false))).isEqualTo("2 3 4 1 5");
        assertThat(sorted(messages, criterion(SortKey.SORT_KEY_DISPLAY_FROM, true))).isEqualTo("5 1 4 3 2");
    }

    @Test
    void orderedSubjectThreads() {
        List<SortableMessage> messages = new ArrayList<>();
        for (int i = 0; i < SUBJECTS.size(); i++) {
            messages.add(message(i + 1, T, envelope(SUBJECTS.get(i), null, null), List.of()));
        }
        assertThat(imap(OrderedSubjectThreader.thread(messages)))
                .isEqualTo("(1)(2 (7)(12)(13))(3 (5)(11))(4)(6)(8)(9 10)(14)(15)");
    }

    @Test
    void referencesThreadsAsImaptestExpects() {
        // thread: a References loop is broken, the truncated guess replaced
        assertThat(imap(ReferencesThreader.thread(List.of(
                message(1, at("17:06:23"), envelope(null, null, "<a@b>"), List.of()),
                message(2, at("15:06:23"), envelope(null, null, "<b@b>"), List.of("a@b", "c@b")),
                message(3, at("16:06:25"), envelope(null, null, "<c@b>"), List.of("b@b")))))).isEqualTo("(3 2)(1)");
        assertThat(imap(ReferencesThreader.thread(List.of(
                message(2, at("15:06:23"), envelope(null, null, "<b@b>"), List.of("a@b", "c@b")),
                message(3, at("16:06:25"), envelope(null, null, "<c@b>"), List.of("b@b")))))).isEqualTo("(3 2)");
        // thread2: a repeated Message-ID is a message of its own
        assertThat(imap(ReferencesThreader.thread(List.of(
                message(1, T, envelope(null, null, "<a@b>"), List.of()),
                message(2, T, envelope(null, null, "<a@b>"), List.of()))))).isEqualTo("(1)(2)");
        // thread3 and thread4: a reply joins its subject's thread
        assertThat(imap(ReferencesThreader.thread(List.of(
                message(1, T, envelope("foo", null, "<a@b>"), List.of()),
                message(2, T.plusSeconds(1), envelope("Re: foo", null, "<a@b>"), List.of()))))).isEqualTo("(1 2)");
        assertThat(imap(ReferencesThreader.thread(List.of(
                message(1, T, envelope("foo", null, "<a@b>"), List.of()),
                message(2, T.plusSeconds(1), envelope("Re: foo", null, "<b@b>"), List.of("c@b")))))).isEqualTo("(1 2)");
        // thread5: In-Reply-To
        List<SortableMessage> five = List.of(
                message(1, at("17:06:23"), envelope(null, null, "<1@b>"), List.of()),
                message(2, T, envelope(null, null, "<2@b>"), List.of("1@b")),
                message(3, T, envelope(null, null, "<3@b>"), List.of("1@b")),
                message(4, T, envelope(null, null, "<4@b>"), List.of("2@b")),
                message(5, T, envelope(null, null, "<5@b>"), List.of("2@b")));
        assertThat(imap(ReferencesThreader.thread(five.subList(0, 4)))).isEqualTo("(1 (2 4)(3))");
        assertThat(imap(ReferencesThreader.thread(five.subList(2, 4)))).isEqualTo("(3)(4)");
        assertThat(imap(ReferencesThreader.thread(five.subList(2, 5)))).isEqualTo("(3)((4)(5))");
        // thread6: two replies to a message that is not there
        assertThat(imap(ReferencesThreader.thread(List.of(
                message(1, T, envelope(null, null, null), List.of("a@b")),
                message(2, T.plusSeconds(1), envelope(null, null, null), List.of("a@b")))))).isEqualTo("((1)(2))");
        // thread7: a repeated Message-ID, then the first of them gone
        List<SortableMessage> seven = List.of(
                message(1, T, envelope(null, null, "<a@b>"), List.of()),
                message(2, T, envelope(null, null, "<b@b>"), List.of("a@b")),
                message(3, T, envelope(null, null, "<c@b>"), List.of("b@b")),
                message(4, T, envelope(null, null, "<b@b>"), List.of("a@b")));
        assertThat(imap(ReferencesThreader.thread(seven))).isEqualTo("(1 (2 3)(4))");
        assertThat(imap(ReferencesThreader.thread(List.of(seven.get(0), seven.get(2), seven.get(3)))))
                .isEqualTo("(1 4 3)");
    }

    @Test
    void aLongReplyChainNeedsNoDeepRecursion() {
        List<SortableMessage> chain = new ArrayList<>();
        for (int i = 1; i <= 20_000; i++) {
            chain.add(message(i, T.plusSeconds(i), envelope("Re: long", null, "<" + i + "@x>"),
                    i == 1 ? List.of() : List.of((i - 1) + "@x")));
        }
        List<ThreadTree> roots = ReferencesThreader.thread(chain);
        assertThat(roots).hasSize(1);
        assertThat(MessageIds.parse("<a@b> junk <c <d@e> (x) <>")).containsExactly("a@b", "d@e");
    }

    private static Instant at(String time) {
        return Instant.parse("2008-02-22T" + time + "Z");
    }

    private static SortableMessage message(long uid, Instant arrival, Envelope envelope, List<String> references) {
        return SortableMessage.of(uid, uid, 100, arrival, envelope, references);
    }

    private static Envelope envelope(String subject, String date, String messageId) {
        Envelope.Builder e = Envelope.newBuilder();
        if (subject != null) {
            e.setSubject(subject);
        }
        if (date != null) {
            e.setDate(date);
        }
        if (messageId != null) {
            e.setMessageId(messageId);
        }
        return e.build();
    }

    private static SortCriterion criterion(SortKey key, boolean reverse) {
        return SortCriterion.newBuilder().setKey(key).setReverse(reverse).build();
    }

    private static String sorted(List<SortableMessage> messages, SortCriterion... criteria) {
        return MessageSorter.sort(messages, List.of(criteria)).stream()
                .map(m -> Long.toString(m.uid())).collect(Collectors.joining(" "));
    }

    /** The RFC 5256 thread-list text for a forest, UIDs standing in for sequence numbers. */
    private static String imap(List<ThreadTree> roots) {
        StringBuilder out = new StringBuilder();
        for (ThreadTree root : roots) {
            out.append('(');
            members(root, out);
            out.append(')');
        }
        return out.toString();
    }

    private static void members(ThreadTree t, StringBuilder out) {
        ThreadTree at = t;
        boolean first = true;
        while (true) {
            if (at.message() != null) {
                out.append(first ? "" : " ").append(at.message().uid());
                first = false;
            }
            if (at.children().size() == 1) {
                at = at.children().get(0);
                continue;
            }
            if (!at.children().isEmpty() && !first) {
                out.append(' ');
            }
            for (ThreadTree child : at.children()) {
                out.append('(');
                members(child, out);
                out.append(')');
            }
            return;
        }
    }
}
