package io.mailserver.storage.message.arrange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 5256 THREAD=REFERENCES (after Jamie Zawinski's algorithm): messages linked by Message-ID and
 * References (or In-Reply-To), placeholders for the messages referred to that are not there,
 * placeholders pruned, threads whose roots share a base subject merged, siblings by sent date.
 * Step numbers in comments are the RFC's (§3).
 */
public final class ReferencesThreader {

    private ReferencesThreader() {
    }

    /** @param messages in mailbox (UID) order, which decides which of two equal Message-IDs is the first */
    public static List<ThreadTree> thread(List<SortableMessage> messages) {
        Map<String, ThreadTree> byId = new HashMap<>();
        List<ThreadTree> all = new ArrayList<>();
        for (SortableMessage m : messages) {
            link(m, byId, all);
        }
        // (2) the root set; (3) the id table is no longer needed
        List<ThreadTree> roots = new ArrayList<>();
        for (ThreadTree t : all) {
            if (t.parent == null) {
                roots.add(t);
            }
        }
        roots = prune(roots);
        roots = mergeBySubject(roots);
        ThreadTree.sortByDate(roots);
        return roots;
    }

    /** (1) A container for the message, its references chained parent to child, then the message under the last. */
    private static void link(SortableMessage m, Map<String, ThreadTree> byId, List<ThreadTree> all) {
        // (1A) a placeholder waiting for this Message-ID takes the message; a missing or repeated
        // Message-ID gets a container of its own that nothing can refer to
        ThreadTree self = m.messageId() == null ? null : byId.get(m.messageId());
        if (self != null && self.dummy()) {
            self.message = m;
        } else {
            boolean unique = m.messageId() != null && self == null;
            self = new ThreadTree(m);
            all.add(self);
            if (unique) {
                byId.put(m.messageId(), self);
            }
        }
        // (1B) each reference the parent of the next, unless already linked or that would loop
        ThreadTree previous = null;
        for (String id : m.references()) {
            ThreadTree ref = byId.get(id);
            if (ref == null) {
                ref = new ThreadTree(null);
                byId.put(id, ref);
                all.add(ref);
            }
            if (previous != null && ref.parent == null && !ref.isAncestorOf(previous)) {
                previous.adopt(ref);
            }
            previous = ref;
        }
        // (1C) the last reference becomes the parent, replacing any parent a truncated References
        // elsewhere guessed, unless that would make a loop
        self.detach();
        if (previous != null && !self.isAncestorOf(previous)) {
            previous.adopt(self);
        }
    }

    /**
     * (4) Placeholders without children go; one with children hands them to its parent, except at
     * the top, where it stays unless it has one child only.
     */
    private static List<ThreadTree> prune(List<ThreadTree> roots) {
        for (ThreadTree t : ThreadTree.postOrder(roots)) {
            List<ThreadTree> kept = new ArrayList<>(t.children.size());
            for (ThreadTree child : t.children) {
                if (!child.dummy()) {
                    kept.add(child);
                    continue;
                }
                for (ThreadTree grandchild : child.children) {
                    grandchild.parent = t;
                    kept.add(grandchild);
                }
            }
            t.children.clear();
            t.children.addAll(kept);
        }
        List<ThreadTree> top = new ArrayList<>(roots.size());
        for (ThreadTree root : roots) {
            if (!root.dummy() || root.children.size() > 1) {
                top.add(root);
            } else if (root.children.size() == 1) {
                ThreadTree only = root.children.get(0);
                only.parent = null;
                top.add(only);
            }
        }
        return top;
    }

    /** (5) Threads whose roots have the same base subject become one. */
    private static List<ThreadTree> mergeBySubject(List<ThreadTree> roots) {
        Map<String, ThreadTree> table = new LinkedHashMap<>();
        for (ThreadTree root : roots) {
            String subject = key(root);
            if (subject.isEmpty()) {
                continue;
            }
            ThreadTree known = table.get(subject);
            if (known == null
                    || (!known.dummy() && (root.dummy() || (replyOrForward(known) && !replyOrForward(root))))) {
                table.put(subject, root);
            }
        }
        // removals marked, not searched for in the list, which would cost a pass per merge
        java.util.Set<ThreadTree> merged = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Map<ThreadTree, ThreadTree> replacements = new java.util.IdentityHashMap<>();
        for (ThreadTree root : roots) {
            String subject = key(root);
            if (subject.isEmpty()) {
                continue;
            }
            ThreadTree known = table.get(subject);
            if (known == root || root.parent != null) {
                // the table's own thread, or one already merged into a placeholder made for it
                continue;
            }
            if (known.dummy() && root.dummy()) {
                for (ThreadTree child : root.children) {
                    child.parent = known;
                    known.children.add(child);
                }
                root.children.clear();
                merged.add(root);
            } else if (known.dummy() || (replyOrForward(root) && !replyOrForward(known))) {
                known.adopt(root);
                merged.add(root);
            } else {
                // the placeholder takes the place of the thread in the table, which is a root
                ThreadTree joint = new ThreadTree(null);
                replacements.put(known, joint);
                merged.add(root);
                joint.adopt(known);
                joint.adopt(root);
                table.put(subject, joint);
            }
        }
        List<ThreadTree> kept = new ArrayList<>(roots.size());
        for (ThreadTree root : roots) {
            if (!merged.contains(root)) {
                kept.add(replacements.getOrDefault(root, root));
            }
        }
        return kept;
    }

    /** (5B1) A thread's subject: its root's, or a placeholder's first child's; compared case-blind. */
    private static String key(ThreadTree root) {
        ThreadTree at = root.dummy() ? root.children.get(0) : root;
        return Collation.fold(at.message.subject().text());
    }

    private static boolean replyOrForward(ThreadTree t) {
        return !t.dummy() && t.message.subject().replyOrForward();
    }
}
