package io.mailserver.imap.reply;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Writes RFC 5256's thread-list grammar: a chain of only children as {@code 1 2 3}, several
 * children each in parentheses ({@code 1 (2)(3)}), a placeholder as just its children
 * ({@code ((2)(3))}). With an explicit stack: a reply chain may be thousands deep.
 */
final class ThreadListText {

    private ThreadListText() {
    }

    static void append(Buffer out, ThreadResponse threads) {
        int n = threads.numbers().length;
        List<List<Integer>> children = new ArrayList<>(n);
        List<Integer> roots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            children.add(new ArrayList<>(1));
            int parent = threads.parents()[i];
            (parent < 0 ? roots : children.get(parent)).add(i);
        }
        if (!roots.isEmpty()) {
            out.appendByte((byte) ' ');
        }
        // each entry is a node to open as "(" or, for -1, a ")" to write
        Deque<Integer> stack = new ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            stack.push(-1);
            stack.push(roots.get(i));
        }
        while (!stack.isEmpty()) {
            int node = stack.pop();
            if (node < 0) {
                out.appendByte((byte) ')');
                continue;
            }
            out.appendByte((byte) '(');
            // the chain of only children shares the parentheses
            boolean wrote = false;
            int at = node;
            while (true) {
                long number = threads.numbers()[at];
                if (number != 0) {
                    if (wrote) {
                        out.appendByte((byte) ' ');
                    }
                    out.appendString(Long.toString(number));
                    wrote = true;
                }
                if (children.get(at).size() != 1) {
                    break;
                }
                at = children.get(at).get(0);
            }
            List<Integer> branches = children.get(at);
            if (!branches.isEmpty() && wrote) {
                out.appendByte((byte) ' ');
            }
            for (int i = branches.size() - 1; i >= 0; i--) {
                stack.push(-1);
                stack.push(branches.get(i));
            }
        }
    }
}
