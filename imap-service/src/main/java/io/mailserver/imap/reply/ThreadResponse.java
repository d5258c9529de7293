package io.mailserver.imap.reply;

/**
 * RFC 5256 §4 {@code * THREAD (1 2)(3 (4)(5))}: a forest given as nodes, parents before children
 * and siblings in order.
 *
 * @param numbers sequence numbers, or UIDs for UID THREAD; 0 for a placeholder of a missing message
 * @param parents the index of each node's parent, -1 for a thread's root
 */
public record ThreadResponse(long[] numbers, int[] parents) implements Response {
}
