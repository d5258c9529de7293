package io.mailserver.storage.message.arrange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One node of a thread forest: a message, or a placeholder ("dummy", RFC 5256) for one that is
 * referred to but not there. Mutable while a threader builds it; everything here walks the tree
 * with an explicit stack, since a reply chain may be thousands deep.
 */
public final class ThreadTree {

    /** Null for a placeholder; a placeholder takes its message when that turns up (RFC 5256 §3 (1A)). */
    SortableMessage message;
    ThreadTree parent;
    final List<ThreadTree> children = new ArrayList<>(2);

    ThreadTree(SortableMessage message) {
        this.message = message;
    }

    /** The message, or null for a placeholder. */
    public SortableMessage message() {
        return message;
    }

    public List<ThreadTree> children() {
        return children;
    }

    boolean dummy() {
        return message == null;
    }

    void adopt(ThreadTree child) {
        child.parent = this;
        children.add(child);
    }

    void detach() {
        if (parent != null) {
            parent.children.remove(this);
            parent = null;
        }
    }

    /** Whether this node is {@code other} or one of its ancestors. */
    boolean isAncestorOf(ThreadTree other) {
        for (ThreadTree t = other; t != null; t = t.parent) {
            if (t == this) {
                return true;
            }
        }
        return false;
    }

    /** Every node below the roots, children before their parents. */
    static List<ThreadTree> postOrder(List<ThreadTree> roots) {
        List<ThreadTree> order = new ArrayList<>();
        List<ThreadTree> stack = new ArrayList<>(roots);
        while (!stack.isEmpty()) {
            ThreadTree t = stack.remove(stack.size() - 1);
            order.add(t);
            stack.addAll(t.children);
        }
        // parents were added before their children: reversed, children come first
        java.util.Collections.reverse(order);
        return order;
    }

    /**
     * RFC 5256 §3 (6): siblings ordered by sent date, a placeholder by its first child's, ties in
     * mailbox order; children are sorted before their parents so a placeholder's first child is known.
     */
    static void sortByDate(List<ThreadTree> roots) {
        Comparator<ThreadTree> order = Comparator.comparing((ThreadTree t) -> representative(t).sentDate())
                .thenComparingLong(t -> representative(t).uid());
        for (ThreadTree t : postOrder(roots)) {
            t.children.sort(order);
        }
        roots.sort(order);
    }

    /** The message a node sorts by: itself, or a placeholder's first (already sorted) child's. */
    private static SortableMessage representative(ThreadTree t) {
        ThreadTree at = t;
        while (at.message == null && !at.children.isEmpty()) {
            at = at.children.get(0);
        }
        return at.message;
    }
}
