package io.mailserver.storage.message.arrange;

import io.mailserver.contracts.storage.v1.SortCriterion;
import io.mailserver.storage.failure.StorageException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * RFC 5256 SORT order (with RFC 5957 DISPLAYFROM and DISPLAYTO): the criteria in turn, each
 * possibly reversed, then ascending UID, which is mailbox order, for messages that still tie.
 */
public final class MessageSorter {

    private MessageSorter() {
    }

    public static List<SortableMessage> sort(List<SortableMessage> messages, List<SortCriterion> criteria) {
        Comparator<SortableMessage> order = null;
        for (SortCriterion criterion : criteria) {
            Comparator<SortableMessage> next = comparator(criterion);
            if (criterion.getReverse()) {
                next = next.reversed();
            }
            order = order == null ? next : order.thenComparing(next);
        }
        Comparator<SortableMessage> byUid = Comparator.comparingLong(SortableMessage::uid);
        List<SortableMessage> sorted = new ArrayList<>(messages);
        sorted.sort(order == null ? byUid : order.thenComparing(byUid));
        return sorted;
    }

    private static Comparator<SortableMessage> comparator(SortCriterion criterion) {
        return switch (criterion.getKey()) {
            case SORT_KEY_ARRIVAL -> Comparator.comparing(SortableMessage::internalDate);
            case SORT_KEY_DATE -> Comparator.comparing(SortableMessage::sentDate);
            case SORT_KEY_SIZE -> Comparator.comparingLong(SortableMessage::size);
            case SORT_KEY_SUBJECT -> byText(m -> m.subject().text());
            case SORT_KEY_FROM -> byText(m -> SortableMessage.mailbox(m.envelope().getFromList()));
            case SORT_KEY_TO -> byText(m -> SortableMessage.mailbox(m.envelope().getToList()));
            case SORT_KEY_CC -> byText(m -> SortableMessage.mailbox(m.envelope().getCcList()));
            case SORT_KEY_DISPLAY_FROM -> byText(m -> SortableMessage.display(m.envelope().getFromList()));
            case SORT_KEY_DISPLAY_TO -> byText(m -> SortableMessage.display(m.envelope().getToList()));
            case SORT_KEY_UNSPECIFIED, UNRECOGNIZED -> throw StorageException.invalidArgument("no sort key");
        };
    }

    /** Compares a text worked out once per message (decoding names is not free), not once per comparison. */
    private static Comparator<SortableMessage> byText(Function<SortableMessage, String> text) {
        Map<Long, String> keys = new HashMap<>();
        Function<SortableMessage, String> key = m -> keys.computeIfAbsent(m.uid(), uid -> text.apply(m));
        return (a, b) -> Collation.compare(key.apply(a), key.apply(b));
    }
}
