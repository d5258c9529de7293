package io.mailserver.storage.message.arrange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * RFC 5256 THREAD=ORDEREDSUBJECT: messages grouped by base subject; in each group the oldest
 * message is the root and the others its children, by sent date; threads ordered by their roots.
 */
public final class OrderedSubjectThreader {

    private OrderedSubjectThreader() {
    }

    public static List<ThreadTree> thread(List<SortableMessage> messages) {
        List<SortableMessage> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.<SortableMessage, String>comparing(m -> m.subject().text(), Collation::compare)
                .thenComparing(SortableMessage::sentDate)
                .thenComparingLong(SortableMessage::uid));
        List<ThreadTree> roots = new ArrayList<>();
        ThreadTree root = null;
        for (SortableMessage m : sorted) {
            if (root != null && Collation.equal(root.message.subject().text(), m.subject().text())) {
                root.adopt(new ThreadTree(m));
            } else {
                root = new ThreadTree(m);
                roots.add(root);
            }
        }
        ThreadTree.sortByDate(roots);
        return roots;
    }
}
